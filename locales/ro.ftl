# Cuvintele RJ Hub pentru vizitatorii site-ului, în limba română. Aceleași mesaje și atribute ca în en.ftl.
# Cuvintele dintre <strong>…</strong> apar îngroșat; nu folosim alte marcaje.

## Every public page

skip-link = Salt la conținutul principal
footer-text = RJ Hub – sistemul de dosare al serviciului de justiție restaurativă.
# The page's title while its form shows errors.
title-error = Eroare: { $title }
exit-this-page = Părăsiți această pagină
    .emergency = Urgență
    .hint = Vă duce imediat la pagina de vreme BBC. Pe tastatură, apăsați de 3 ori tasta Shift pentru a ieși.
# Read out after each press of the Shift key.
exit-presses-left =
    { $count ->
        [one] Shift. Mai apăsați o dată pentru a ieși.
        [few] Shift. Mai apăsați de { $count } ori pentru a ieși.
       *[other] Shift. Mai apăsați de { $count } de ori pentru a ieși.
    }
exit-expired = Ieșirea de pe pagină a fost anulată.
exit-loading = Se încarcă.
emergency = În caz de urgență, sunați la 999.
language-switcher = Alegeți limba
contact-phone = Telefon:
contact-email = E-mail:
contact-failed = Numărul nostru de telefon și adresa de e-mail nu au putut fi încărcate acum. Verificați conexiunea la internet, apoi reîncărcați pagina.
contact-loading = Se încarcă datele noastre de contact…
error-summary-title = Există o problemă
# Before an error message, for screen readers.
error-prefix = Eroare:
yes = Da
no = Nu
not-sure = Nu știu
continue = Continuați
back = Înapoi

## The public home page

home-title = Justiție restaurativă
home-heading = Justiția restaurativă: o șansă ca vocea dumneavoastră să fie auzită
home-lead = Justiția restaurativă îi aduce împreună pe cei afectați de o infracțiune sau de un conflict și pe persoana responsabilă, astfel încât toți cei afectați să poată ajuta la repararea răului făcut.
home-intro = Vă poate oferi șansa de a-i spune persoanei responsabile cum v-a afectat, de a pune întrebările la care doar ea poate răspunde și de a avea un cuvânt de spus despre ce urmează. Nu trebuie să vă întâlniți cu ea: putem transmite mesaje și scrisori în numele dumneavoastră.
home-who-heading = Cui i se adresează
home-who-free = Este <strong>gratuit</strong>.
home-who-choice = <strong>Dumneavoastră decideți la fiecare etapă</strong>: vă puteți opri oricând, fără să dați vreun motiv.
home-who-anyone = Este deschis <strong>oricui</strong>, indiferent de infracțiune, de vârsta persoanei responsabile și de faptul că fapta a fost sau nu raportată poliției.
home-who-where = Nu contează unde locuiți, ce cetățenie aveți sau care este statutul dumneavoastră de imigrare.
home-who-when = Poate avea loc înainte, în timpul sau după un proces în instanță, chiar și după mulți ani.
home-who-bereaved = Pot participa și membrii familiei unei persoane care a murit în urma unei infracțiuni.
home-contact-heading = Cum ne puteți contacta
home-contact-intro = Spuneți-ne despre dumneavoastră și cum vă putem contacta în siguranță. Durează aproximativ 10 minute și răspundeți doar la întrebările la care doriți.
home-start = Trimiteți o solicitare
home-or-contact = Sau sunați-ne ori scrieți-ne pe e-mail:
home-referred = Puteți cere și unei persoane care vă sprijină deja să vă îndrume către noi: un polițist, coordonatorul de sprijin de la Victims' Hub sau un angajat al serviciului pentru tineri infractori (youth offending), al serviciului de probațiune (probation) sau al penitenciarului.
home-exit-heading = Cum părăsiți rapid acest site
home-exit-text = Dacă trebuie să părăsiți rapid acest site, folosiți butonul „Părăsiți această pagină” din partea de sus a fiecărei pagini. Pe tastatură, puteți apăsa și de 3 ori tasta Shift. Veți ajunge pe pagina de vreme BBC, iar răspunsurile date vor fi șterse.
home-next-heading = Ce urmează
home-next-contact = Un coordonator RJ vă contactează doar în modurile și la orele pe care le indicați ca fiind sigure.
home-next-talk = Discută cu dumneavoastră despre ce v-ați dori și dacă justiția restaurativă vă poate ajuta.
home-next-prepare = Dacă decideți să continuați, un facilitator instruit vă ajută să vă pregătiți. Nu se întâmplă nimic fără voia dumneavoastră.
home-harm = Dacă dumneavoastră ați făcut rău și doriți să îndreptați lucrurile, întrebați angajatul serviciului pentru tineri infractori, al serviciului de probațiune sau al penitenciarului cu care țineți legătura: vă poate îndruma către noi.
home-staff = Autentificare pentru personal

## The self-referral: its pages (each page's heading, and its title with “– Refer yourself”)

refer-caption = Solicitare
# The title of each page of the self-referral.
refer-title = { $page } – Solicitare
page-affected = Cum v-a afectat infracțiunea sau conflictul?
page-what-happened = Ce s-a întâmplat
page-person-responsible = Știți cine este responsabil?
page-name = Cum vă numiți?
page-contact = Cum vă putem contacta
page-support = Limbă și sprijin
page-check = Verificați răspunsurile înainte de a trimite solicitarea
page-send = Trimiteți solicitarea
page-sent = Solicitare trimisă
start-again = Începeți din nou
start-again-note = (răspunsurile vor fi șterse)
get-in-touch = Ne puteți contacta și direct:

## How you were affected

role-victim = Mi s-a întâmplat mie
role-bereaved = O persoană apropiată a murit în urma unei infracțiuni
    .hint = De exemplu, partenerul, un părinte, un copil, un frate sau o soră
role-other = M-a afectat în alt mod
    .hint = De exemplu, ca martor, vecin sau membru al familiei
relationship = Ce relație aveați cu persoana respectivă?
    .hint = De exemplu, mamă, partener sau fiu

## What happened

what-happened-intro = Aceste întrebări sunt opționale. Răspundeți cât doriți: puteți vorbi despre asta și cu coordonatorul.
lists-failed = Unele variante de răspuns nu au putut fi încărcate. Verificați conexiunea la internet, apoi reîncărcați pagina.
offence-category = Ce fel de infracțiune sau conflict a fost? (opțional)
choose-one = Alegeți
hate-crime = Cred că a fost o infracțiune motivată de ură
    .hint = Din cauza rasei, religiei, dizabilității, orientării sexuale sau identității transgen a cuiva
summary = Ce s-a întâmplat? (opțional)
    .hint = Cu propriile cuvinte. Câteva rânduri sunt suficiente.
area = Unde s-a întâmplat? (opțional)
choose-area = Alegeți zona
area-detail = În ce zonă?
    .hint = De exemplu, Bedford sau Northampton
originating-area = Dacă v-ați mutat între timp, unde locuiați atunci? (opțional)
reported = A fost raportat poliției?
    .hint = Puteți folosi acest serviciu în ambele cazuri
crime-reference = Numărul de referință al poliției (opțional)
proceedings-stage = În ce stadiu se află lucrurile? (opțional)

## The person responsible

offender-known-hint = Această întrebare este opțională. Nu transmitem niciodată datele dumneavoastră persoanei responsabile.
contact-if-identified = Contactați-mă dacă persoana responsabilă este identificată
    .hint = Vă vom păstra datele până atunci

## Your name

full-name-hint = Numele complet sau numele pe care doriți să-l folosim

## How we may contact you (the safe-contact profile)

contact-intro = Vă vom contacta doar în modurile și la orele pe care ni le indicați ca fiind sigure.
channels = Cum vă putem contacta în siguranță?
    .hint = Alegeți modurile care sunt sigure pentru dumneavoastră. Le vom folosi doar pe acestea. Bifați toate variantele potrivite.
channel-PHONE = Apel telefonic
channel-TEXT = SMS
channel-EMAIL = E-mail
channel-POST = Scrisoare
email = Adresa dumneavoastră de e-mail
phone = Numărul dumneavoastră de telefon
    .hint = Pentru numerele din străinătate, includeți prefixul țării
text-uses-phone = Vă vom trimite SMS-uri la numărul de telefon de mai sus.
address = Adresa dumneavoastră
postcode = Cod poștal
safe-windows = Când este sigur să vă contactăm?
    .hint = Bifați toate variantele potrivite. Dacă nu alegeți nimic, vă putem trimite e-mailuri oricând, dar vă vom suna sau trimite SMS-uri numai între 8:00 și 21:00.
window-weekday-mornings = În zilele lucrătoare, dimineața (de la 9:00 la 12:00)
window-weekday-afternoons = În zilele lucrătoare, după-amiaza (de la 12:00 la 17:00)
window-weekday-evenings = În zilele lucrătoare, seara (de la 17:00 la 20:00)
window-saturdays = Sâmbăta (de la 10:00 la 16:00)
safe-times = Altceva despre când vă putem contacta (opțional)
    .hint = De exemplu, nu când duceți copiii la școală sau nu după ora 18:00
may-leave-message = Vă putem lăsa un mesaj? (opțional)
    .hint = Pe mesageria vocală sau unei alte persoane care răspunde
say-who-we-are = Dacă altcineva răspunde la telefon sau vede un mesaj, putem spune că suntem de la serviciul de justiție restaurativă?
    .hint = Dacă alegeți „Nu”, nu vom spune cine suntem sau de ce vă contactăm.

## Language and support

support-intro = Aceste întrebări sunt opționale.
language = Ce limbă doriți să folosiți? (opțional)
choose-language = Alegeți limba
interpreter = Aș dori un interpret
accessibility = Există ceva care v-ar ajuta să participați? (opțional)
    .hint = De exemplu, acces fără trepte, text cu litere mari sau un interpret de limbaj mimico-gestual britanic (BSL)

## Check your answers: each row's key, and after “Change”, for screen readers, what it changes

change = Modificați
not-answered = Fără răspuns
any-time = Fără ore alese: vă putem trimite e-mailuri oricând, dar vă vom suna sau trimite SMS-uri numai între 8:00 și 21:00
answers-affected = Cum v-a afectat
answers-what-happened = Ce s-a întâmplat
answers-about-you = Despre dumneavoastră
row-role = Cum v-a afectat
    .change = cum v-a afectat
row-relationship = Relația cu persoana decedată
    .change = relația cu persoana decedată
row-offence-category = Tipul de infracțiune sau conflict
    .change = tipul de infracțiune sau conflict
row-hate-crime = Infracțiune motivată de ură
    .change = dacă a fost o infracțiune motivată de ură
row-summary = Ce s-a întâmplat
    .change = ce s-a întâmplat
row-area = Unde s-a întâmplat
    .change = unde s-a întâmplat
row-originating-area = Unde locuiați atunci, dacă v-ați mutat
    .change = unde locuiați atunci
row-reported = Raportat poliției
    .change = dacă a fost raportat poliției
row-crime-reference = Numărul de referință al poliției
    .change = numărul de referință al poliției
row-proceedings-stage = Stadiul actual
    .change = stadiul actual
row-offender-known = Știți cine este responsabil
    .change = dacă știți cine este responsabil
row-contact-if-identified = Să vă contactăm dacă persoana responsabilă este identificată
    .change = dacă să vă contactăm când persoana responsabilă este identificată
row-name = Numele dumneavoastră
    .change = numele
row-channels = Moduri de contact
    .change = modurile de contact
row-email = Adresa de e-mail
    .change = adresa de e-mail
row-phone = Numărul de telefon
    .change = numărul de telefon
row-address = Adresa
    .change = adresa
row-postcode = Codul poștal
    .change = codul poștal
row-safe-windows = Când este sigur să vă contactăm
    .change = când este sigur să vă contactăm
row-safe-times = Altceva despre când vă putem contacta
    .change = ce ne-ați mai spus despre când vă putem contacta
row-may-leave-message = Putem lăsa un mesaj
    .change = dacă putem lăsa un mesaj
row-say-who-we-are = Putem spune că suntem de la serviciul de justiție restaurativă
    .change = dacă putem spune că suntem de la serviciul de justiție restaurativă
row-language = Limba
    .change = limba pe care doriți să o folosiți
row-interpreter = Interpret
    .change = dacă doriți un interpret
row-accessibility = Ce v-ar ajuta să participați
    .change = ce v-ar ajuta să participați

## Send your referral

send-privacy = Păstrăm confidențial ce ne spuneți. O văd doar persoanele care se ocupă de solicitarea dumneavoastră și nu transmitem niciodată datele dumneavoastră persoanei responsabile.
consent = Sunt de acord ca RJ Hub să mă contacteze în modurile și la orele pe care le-am ales
honeypot = Lăsați acest câmp gol
send = Trimiteți solicitarea
try-again = Încercați din nou
sending = Se trimite solicitarea…

## The confirmation

sent-reference-is = Numărul dumneavoastră de referință este
sent-write-down = Notați numărul de referință sau faceți o captură de ecran.
sent-email = V-am trimis un e-mail cu numărul de referință la adresa indicată.
sent-next-heading = Ce urmează
sent-next = Coordonatorul RJ va citi ce ne-ați trimis și vă va contacta în modul și la orele alese de dumneavoastră, în cel mult 5 zile lucrătoare. Participarea este întotdeauna alegerea dumneavoastră și vă puteți opri oricând.
sent-danger = Dacă sunteți în pericol acum, sunați la 999.
sent-contact-heading = Dacă trebuie să ne contactați
sent-quote = Când ne contactați, menționați numărul de referință <strong>{ $reference }</strong>.
sent-privacy = Pentru siguranța dumneavoastră, această pagină nu arată ce ați trimis. Dacă altcineva folosește acest telefon sau calculator, poate doriți să închideți pagina după ce ați notat numărul de referință.
sent-start = Înapoi la început

## What the form says is wrong, before sending

error-role = Alegeți cum v-a afectat infracțiunea sau conflictul
error-relationship = Spuneți ce relație aveați cu persoana decedată
error-area-detail = Spuneți în ce zonă, în afara comitatului
error-full-name = Introduceți numele
error-channels = Alegeți cel puțin un mod în care vă putem contacta
error-email = Introduceți o adresă de e-mail
error-email-format = Introduceți o adresă de e-mail în formatul corect, de exemplu nume@example.com
error-phone = Introduceți un număr de telefon
error-address = Introduceți o adresă
error-consent = Bifați căsuța pentru a fi de acord să vă contactăm

## What the server said was wrong, in this language (the server writes English)

server-error-too-long =
    { $max ->
        [one] Răspunsul este prea lung: cel mult { $max } caracter
        [few] Răspunsul este prea lung: cel mult { $max } caractere
       *[other] Răspunsul este prea lung: cel mult { $max } de caractere
    }
server-error-characters = Răspunsul conține caractere pe care nu le putem accepta. Ștergeți-le și încercați din nou
server-error-choose = Alegeți una dintre variantele din listă
server-error-email = Introduceți o adresă de e-mail în formatul corect, de exemplu nume@example.com
server-error-phone = Introduceți un număr de telefon, de exemplu 01632 960 001 sau +44 7700 900 982
server-error-address = Introduceți o adresă sau nu alegeți contactul prin scrisoare
server-error-postcode = Introduceți un cod poștal valid
server-error-consent = Vă putem ajuta doar dacă sunteți de acord să vă contactăm
server-error-check = Verificați răspunsul la această întrebare
server-error-busy = Nu vă putem primi solicitarea acum, deoarece sosesc foarte multe în același timp. Încercați din nou peste o oră sau sunați-ne ori scrieți-ne pe e-mail.
server-error-other = Solicitarea nu a putut fi trimisă acum. Încercați din nou peste puțin timp sau sunați-ne ori scrieți-ne pe e-mail.
network-failed = Solicitarea nu a fost trimisă: conexiunea s-a întrerupt. Răspunsurile dumneavoastră sunt încă aici. Verificați semnalul sau rețeaua Wi-Fi, apoi încercați din nou.

## The service's lists, where the form offers them (the server's own words in English)

list-areas-outside_county = În afara comitatului
list-offenceCategories-violence = Violență împotriva persoanei
list-offenceCategories-sexual = Infracțiune sexuală
list-offenceCategories-robbery = Tâlhărie
list-offenceCategories-burglary = Furt prin efracție
list-offenceCategories-theft = Furt
list-offenceCategories-vehicle = Infracțiune legată de vehicule
list-offenceCategories-criminal_damage_arson = Distrugere de bunuri sau incendiere
list-offenceCategories-public_order = Tulburarea ordinii publice
list-offenceCategories-fraud = Fraudă
list-offenceCategories-drugs = Infracțiune legată de droguri
list-offenceCategories-weapons = Deținere de arme
list-offenceCategories-road_death_injury = Infracțiune rutieră soldată cu moartea sau rănirea gravă a unei persoane
list-offenceCategories-asb_neighbour = Comportament antisocial / conflict cu vecinii (nu este infracțiune)
list-offenceCategories-other = Altceva
list-proceedingsStages-not_reported = Neraportat poliției
list-proceedingsStages-under_investigation = Raportat, în curs de cercetare
list-proceedingsStages-out_of_court = Soluționat fără instanță
list-proceedingsStages-awaiting_court = Acuzare formulată, în așteptarea procesului
list-proceedingsStages-community_sentence = Condamnare, pedeapsă executată în comunitate
list-proceedingsStages-custody = Condamnare la închisoare
list-proceedingsStages-sentence_completed = După executarea pedepsei
list-proceedingsStages-not_known = Nu se știe
list-languages-en = Engleză
list-languages-pl = Poloneză
list-languages-lt = Lituaniană
list-languages-lv = Letonă
list-languages-ro = Română
list-languages-pt = Portugheză
list-languages-ru = Rusă
list-languages-bg = Bulgară
list-languages-ur = Urdu
list-languages-pa = Punjabi
list-languages-bn = Bengali
list-languages-gu = Gujarati
list-languages-ar = Arabă
list-languages-ku = Kurdă
list-languages-ti = Tigrinya
list-languages-cmn = Chineză mandarină
list-languages-yue = Cantoneză
list-languages-bsl = Limbajul mimico-gestual britanic

## Messages the server sends (e-mail and text). Never a name, an offence, or what the service is.

ack-email-subject = Am primit formularul dumneavoastră ({ $reference })
ack-email-body =
    Vă mulțumim că ne-ați contactat.

    Numărul dumneavoastră de referință este { $reference }. Vă vom contacta în modul și la orele alese, în cel mult 5 zile lucrătoare.

    Dacă doriți să ne contactați: sunați la { $phone } ({ $hours }) sau scrieți la { $email }. Vă rugăm să menționați numărul de referință.

    Dacă sunteți în pericol acum, sunați la 999.
ack-text = Am primit formularul dumneavoastră. Numărul de referință este { $reference }. Vă vom contacta în cel mult 5 zile lucrătoare. Pentru a ne contacta, sunați la { $phone }.
appointment-email-subject = Programare: { $when } ({ $reference })
appointment-email-subject-updated = Programare modificată: { $when } ({ $reference })
appointment-email-subject-cancelled = Programare anulată: { $when } ({ $reference })
appointment-email-body =
    Aveți o programare: { $when } (ora Regatului Unit).
    Locul: { $place }

    Invitația pentru calendar este atașată. Dacă nu puteți veni sau aveți nevoie de ceva care să vă ajute să veniți, sunați la { $phone } și menționați { $reference }.
appointment-email-body-cancelled =
    Programarea dumneavoastră ({ $when }) a fost anulată. Vă vom contacta în legătură cu ce urmează.

    Pentru a ne contacta, sunați la { $phone } și menționați { $reference }.
appointment-text = Aveți o programare: { $when }. Referință { $reference }. Dacă nu puteți veni, sunați la { $phone }.
appointment-text-updated = Programarea dumneavoastră a fost mutată: { $when }. Referință { $reference }. Dacă nu puteți veni, sunați la { $phone }.
appointment-text-cancelled = Programarea dumneavoastră ({ $when }) a fost anulată. Referință { $reference }. Pentru a ne contacta, sunați la { $phone }.
language-name = Română

## Letters the server writes, for people reached only by post. A letter is read by the person it
## is addressed to, but others at home may open it: the envelope side names nobody and nothing.

letter-private = Privat și confidențial: numai pentru destinatar
letter-reference = Referința noastră: { $reference }
letter-dear = Bună ziua, { $name },
letter-sign-off = Cu stimă,
letter-team = Echipa de justiție restaurativă
letter-team-discreet = Echipa Hub
letter-contact = Pentru a ne contacta, sunați la { $phone } ({ $hours }) sau scrieți la { $email } și menționați referința { $reference }. Dacă aveți nevoie de această scrisoare în altă limbă, tipărită cu litere mari sau citită cu voce tare, vă rugăm să ne spuneți.
letter-ack-title = Am primit formularul dumneavoastră
letter-ack-body =
    Vă mulțumim că ne-ați contactat.

    Vă vom contacta în modul și la orele alese de dumneavoastră, în cel mult 5 zile lucrătoare.

    Dacă sunteți în pericol acum, sunați la 999.
letter-info-title = Justiția restaurativă: informații pentru dumneavoastră
letter-info-body =
    Justiția restaurativă le oferă persoanelor afectate de o infracțiune șansa de a comunica cu persoana responsabilă: de a explica ce efect a avut asupra lor, de a pune întrebările la care numai acea persoană poate răspunde și de a avea un cuvânt de spus despre ce urmează.

    Este gratuită, iar decizia vă aparține la fiecare etapă. Vă puteți opri oricând, fără să dați vreo explicație. Nu este nevoie să vă întâlniți cu nimeni: putem transmite mesaje și scrisori în numele dumneavoastră.

    Mai întâi, un facilitator instruit va discuta totul cu dumneavoastră și va merge mai departe numai dacă este sigur pentru dumneavoastră.
letter-appointment-title = Programarea dumneavoastră
letter-appointment-body =
    Aveți o programare: { $when } (ora Regatului Unit).

    Locul: { $place }
letter-appointment-access = Cum ajungeți și cum intrați: { $access }
letter-appointment-help = Dacă nu puteți veni sau aveți nevoie de ceva care să vă ajute să veniți, vă rugăm să ne spuneți.
letter-appointment-cancelled-title = Programarea dumneavoastră a fost anulată
letter-appointment-cancelled-body = Programarea dumneavoastră ({ $when }) a fost anulată. Vă vom contacta în legătură cu ce urmează.
letter-agreement-title = O copie a acordului dumneavoastră
letter-agreement-intro = Aceasta este o copie a celor convenite. Vom ține legătura cu dumneavoastră ca să vedem cum merge.
letter-agreement-item = { $what } (până la { $due })
letter-agreement-item-undated = { $what }
