# RJ Hub žodžiai svetainės lankytojams, lietuvių kalba. Tie patys pranešimai ir atributai kaip en.ftl.
# Žodžiai tarp <strong>…</strong> rodomi paryškinti; kitų žymų nėra.

## Every public page

skip-link = Pereiti prie pagrindinio turinio
footer-text = RJ Hub – atkuriamojo teisingumo tarnybos bylų sistema.
# The page's title while its form shows errors.
title-error = Klaida: { $title }
exit-this-page = Išeiti iš šio puslapio
    .emergency = Skubiai
    .hint = Iškart nukelia į BBC orų prognozės puslapį. Klaviatūroje galite 3 kartus paspausti klavišą Shift, kad išeitumėte.
# Read out after each press of the Shift key.
exit-presses-left =
    { $count ->
        [one] Shift. Paspauskite dar { $count } kartą, kad išeitumėte.
        [few] Shift. Paspauskite dar { $count } kartus, kad išeitumėte.
        [many] Shift. Paspauskite dar { $count } karto, kad išeitumėte.
       *[other] Shift. Paspauskite dar { $count } kartų, kad išeitumėte.
    }
exit-expired = Išėjimas iš puslapio atšauktas.
exit-loading = Įkeliama.
emergency = Skubiu atveju skambinkite 999.
language-switcher = Pasirinkite kalbą
contact-phone = Telefonas:
contact-email = El. paštas:
contact-failed = Šiuo metu nepavyko įkelti mūsų telefono numerio ir el. pašto adreso. Patikrinkite interneto ryšį ir įkelkite puslapį iš naujo.
contact-loading = Įkeliami mūsų kontaktai…
error-summary-title = Iškilo problema
# Before an error message, for screen readers.
error-prefix = Klaida:
yes = Taip
no = Ne
not-sure = Nežinau
continue = Toliau
back = Atgal

## The public home page

home-title = Atkuriamasis teisingumas
home-heading = Atkuriamasis teisingumas: galimybė, kad jus išklausytų
home-lead = Atkuriamasis teisingumas suburia nusikaltimo ar konflikto paveiktus žmones ir už žalą atsakingą asmenį, kad visi, kuriuos tai palietė, galėtų padėti atitaisyti žalą.
home-intro = Galėsite pasakyti atsakingam asmeniui, kaip tai jus paveikė, užduoti klausimus, į kuriuos atsakyti gali tik jis, ir turėti žodį sprendžiant, kas bus toliau. Jums nereikia su juo susitikti: galime perduoti jūsų žinutes ir laiškus.
home-who-heading = Kam tai skirta
home-who-free = Tai <strong>nemokama</strong>.
home-who-choice = <strong>Kiekviename etape sprendžiate jūs</strong>: galite bet kada sustoti ir nenurodyti priežasties.
home-who-anyone = Kreiptis gali <strong>kiekvienas</strong>, nesvarbu, koks tai nusikaltimas, kiek metų atsakingam asmeniui ir ar apie tai buvo pranešta policijai.
home-who-where = Nesvarbu, kur gyvenate, kokia jūsų pilietybė ar imigracinis statusas.
home-who-when = Tai gali vykti prieš teismo procesą, jo metu ar po jo, net ir po daugelio metų.
home-who-bereaved = Dalyvauti gali ir žmogaus, žuvusio dėl nusikaltimo, šeimos nariai.
home-contact-heading = Kaip su mumis susisiekti
home-contact-intro = Papasakokite apie save ir kaip galime saugiai su jumis susisiekti. Tai užtruks apie 10 minučių. Atsakykite tik į tuos klausimus, į kuriuos norite.
home-start = Pateikti kreipimąsi
home-or-contact = Arba paskambinkite ar parašykite mums el. laišką:
home-referred = Taip pat galite paprašyti, kad jus nukreiptų žmogus, kuris jau jums padeda: policijos pareigūnas, Victims' Hub pagalbos koordinatorius, nepilnamečių teisės pažeidėjų tarnybos (youth offending), probacijos (probation) ar kalėjimo darbuotojas.
home-exit-heading = Kaip greitai palikti šią svetainę
home-exit-text = Jei reikia greitai palikti šią svetainę, spauskite mygtuką „Išeiti iš šio puslapio“ kiekvieno puslapio viršuje. Klaviatūroje taip pat galite 3 kartus paspausti klavišą Shift. Būsite nukreipti į BBC orų prognozės puslapį, o jūsų atsakymai bus ištrinti.
home-next-heading = Kas bus toliau
home-next-contact = RJ koordinatorius susisieks su jumis tik tais būdais ir tuo metu, kuriuos nurodysite kaip saugius.
home-next-talk = Jis pasikalbės su jumis apie tai, ko norėtumėte ir ar atkuriamasis teisingumas galėtų padėti.
home-next-prepare = Jei nuspręsite tęsti, pasiruošti padės apmokytas tarpininkas. Niekas nevyks, jei to nenorėsite.
home-harm = Jei žalą padarėte jūs ir norite ją atitaisyti, kreipkitės į nepilnamečių teisės pažeidėjų tarnybos, probacijos ar kalėjimo darbuotoją, su kuriuo bendraujate: jis gali jus nukreipti.
home-staff = Darbuotojų prisijungimas

## The self-referral: its pages (each page's heading, and its title with “– Refer yourself”)

refer-caption = Kreipimasis
# The title of each page of the self-referral.
refer-title = { $page } – Kreipimasis
page-affected = Kaip jus paveikė nusikaltimas ar konfliktas?
page-what-happened = Kas nutiko
page-person-responsible = Ar žinote, kas atsakingas?
page-name = Koks jūsų vardas?
page-contact = Kaip galime su jumis susisiekti
page-support = Kalba ir pagalba
page-check = Prieš siųsdami kreipimąsi, patikrinkite atsakymus
page-send = Išsiųskite kreipimąsi
page-sent = Kreipimasis išsiųstas
start-again = Pradėti iš naujo
start-again-note = (jūsų atsakymai bus ištrinti)
get-in-touch = Taip pat galite su mumis susisiekti:

## How you were affected

role-victim = Tai nutiko man
role-bereaved = Man artimas žmogus žuvo dėl nusikaltimo
    .hint = Pavyzdžiui, jūsų partneris, tėvas ar motina, vaikas, brolis ar sesuo
role-other = Tai mane paveikė kitaip
    .hint = Pavyzdžiui, kaip liudytoją, kaimyną ar šeimos narį
relationship = Kas jums buvo tas žmogus?
    .hint = Pavyzdžiui, motina, partneris ar sūnus

## What happened

what-happened-intro = Į šiuos klausimus atsakyti neprivaloma. Atsakykite tiek, kiek norite: apie tai galite pasikalbėti su koordinatoriumi.
lists-failed = Nepavyko įkelti kai kurių pasirinkimų. Patikrinkite interneto ryšį ir įkelkite puslapį iš naujo.
offence-category = Koks tai buvo nusikaltimas ar konfliktas? (neprivaloma)
choose-one = Pasirinkite
hate-crime = Manau, kad tai buvo neapykantos nusikaltimas
    .hint = Dėl žmogaus rasės, religijos, negalios, seksualinės orientacijos ar translytiškumo
summary = Kas nutiko? (neprivaloma)
    .hint = Savais žodžiais. Užtenka kelių eilučių.
area = Kur tai nutiko? (neprivaloma)
choose-area = Pasirinkite vietovę
area-detail = Kokioje vietovėje?
    .hint = Pavyzdžiui, Bedford ar Northampton
originating-area = Jei nuo to laiko persikraustėte, kur tada gyvenote? (neprivaloma)
reported = Ar apie tai buvo pranešta policijai?
    .hint = Šia paslauga galite naudotis bet kuriuo atveju
crime-reference = Policijos bylos numeris (neprivaloma)
proceedings-stage = Kokiame etape dabar byla? (neprivaloma)

## The person responsible

offender-known-hint = Atsakyti neprivaloma. Niekada neperduodame jūsų duomenų atsakingam asmeniui.
contact-if-identified = Susisiekite su manimi, jei atsakingas asmuo bus nustatytas
    .hint = Iki tol saugosime jūsų duomenis

## Your name

full-name-hint = Jūsų vardas ir pavardė arba vardas, kuriuo norite, kad į jus kreiptumėmės

## How we may contact you (the safe-contact profile)

contact-intro = Su jumis susisieksime tik tais būdais ir tuo metu, kuriuos nurodysite kaip saugius.
channels = Kaip galime saugiai su jumis susisiekti?
    .hint = Pasirinkite jums saugius būdus. Naudosime tik juos. Pažymėkite visus tinkamus.
channel-PHONE = Skambutis telefonu
channel-TEXT = SMS žinutė
channel-EMAIL = El. paštas
channel-POST = Laiškas
email = Jūsų el. pašto adresas
phone = Jūsų telefono numeris
    .hint = Užsienio numeriui nurodykite šalies kodą
text-uses-phone = SMS žinutes siųsime aukščiau nurodytu telefono numeriu.
address = Jūsų adresas
postcode = Pašto kodas
safe-windows = Kada saugu su jumis susisiekti?
    .hint = Pažymėkite visus tinkamus. Jei nieko nepažymėsite, el. laiškus galime siųsti bet kuriuo metu, o skambinsime ar rašysime SMS tik nuo 8:00 iki 21:00.
window-weekday-mornings = Darbo dienų rytais (nuo 9:00 iki 12:00)
window-weekday-afternoons = Darbo dienų popietėmis (nuo 12:00 iki 17:00)
window-weekday-evenings = Darbo dienų vakarais (nuo 17:00 iki 20:00)
window-saturdays = Šeštadieniais (nuo 10:00 iki 16:00)
safe-times = Kas dar svarbu apie tai, kada su jumis susisiekti (neprivaloma)
    .hint = Pavyzdžiui, ne tuo metu, kai vežate vaikus į mokyklą, arba ne po 18:00
may-leave-message = Ar galime palikti žinutę? (neprivaloma)
    .hint = Balso pašte arba kitam atsiliepusiam žmogui
say-who-we-are = Jei telefonu atsilieps ar žinutę pamatys kitas žmogus, ar galime pasakyti, kad esame iš atkuriamojo teisingumo tarnybos?
    .hint = Jei pasirinksite „Ne“, nesakysime, kas esame ir kodėl kreipiamės.

## Language and support

support-intro = Į šiuos klausimus atsakyti neprivaloma.
language = Kokia kalba norėtumėte bendrauti? (neprivaloma)
choose-language = Pasirinkite kalbą
interpreter = Man reikia vertėjo
accessibility = Ar kas nors padėtų jums dalyvauti? (neprivaloma)
    .hint = Pavyzdžiui, patekimas be laiptų, didelis šriftas ar britų gestų kalbos vertėjas

## Check your answers: each row's key, and after “Change”, for screen readers, what it changes

change = Keisti
not-answered = Neatsakyta
any-time = Laikas nepasirinktas: el. laiškus galime siųsti bet kuriuo metu, o skambinsime ar rašysime SMS tik nuo 8:00 iki 21:00
answers-affected = Kaip tai jus paveikė
answers-what-happened = Kas nutiko
answers-about-you = Apie jus
row-role = Kaip tai jus paveikė
    .change = kaip tai jus paveikė
row-relationship = Kas jums buvo žuvęs žmogus
    .change = kas jums buvo žuvęs žmogus
row-offence-category = Nusikaltimo ar konflikto rūšis
    .change = nusikaltimo ar konflikto rūšį
row-hate-crime = Neapykantos nusikaltimas
    .change = ar tai buvo neapykantos nusikaltimas
row-summary = Kas nutiko
    .change = kas nutiko
row-area = Kur tai nutiko
    .change = kur tai nutiko
row-originating-area = Kur tada gyvenote, jei persikraustėte
    .change = kur tada gyvenote
row-reported = Pranešta policijai
    .change = ar buvo pranešta policijai
row-crime-reference = Policijos bylos numeris
    .change = policijos bylos numerį
row-proceedings-stage = Bylos etapas
    .change = bylos etapą
row-offender-known = Žinote, kas atsakingas
    .change = ar žinote, kas atsakingas
row-contact-if-identified = Susisiekti, jei atsakingas asmuo bus nustatytas
    .change = ar susisiekti, jei atsakingas asmuo bus nustatytas
row-name = Jūsų vardas
    .change = savo vardą
row-channels = Susisiekimo būdai
    .change = susisiekimo būdus
row-email = El. pašto adresas
    .change = el. pašto adresą
row-phone = Telefono numeris
    .change = telefono numerį
row-address = Adresas
    .change = adresą
row-postcode = Pašto kodas
    .change = pašto kodą
row-safe-windows = Kada saugu su jumis susisiekti
    .change = kada saugu su jumis susisiekti
row-safe-times = Kita apie susisiekimo laiką
    .change = kitą informaciją apie susisiekimo laiką
row-may-leave-message = Galime palikti žinutę
    .change = ar galime palikti žinutę
row-say-who-we-are = Galime pasakyti, kad esame iš atkuriamojo teisingumo tarnybos
    .change = ar galime pasakyti, kad esame iš atkuriamojo teisingumo tarnybos
row-language = Kalba
    .change = bendravimo kalbą
row-interpreter = Vertėjas
    .change = ar jums reikia vertėjo
row-accessibility = Kas padėtų jums dalyvauti
    .change = kas padėtų jums dalyvauti

## Send your referral

send-privacy = Tai, ką mums pasakysite, liks konfidencialu. Tai matys tik žmonės, dirbantys su jūsų kreipimusi, ir mes niekada neperduodame jūsų duomenų atsakingam asmeniui.
consent = Sutinku, kad RJ Hub su manimi susisiektų mano pasirinktais būdais ir mano pasirinktu laiku
honeypot = Palikite šį lauką tuščią
send = Siųsti kreipimąsi
try-again = Bandyti dar kartą
sending = Siunčiamas jūsų kreipimasis…

## The confirmation

sent-reference-is = Jūsų kreipimosi numeris
sent-write-down = Užsirašykite kreipimosi numerį arba padarykite ekrano nuotrauką.
sent-email = Jūsų nurodytu adresu išsiuntėme el. laišką su kreipimosi numeriu.
sent-next-heading = Kas bus toliau
sent-next = RJ koordinatorius perskaitys jūsų kreipimąsi ir per 5 darbo dienas susisieks su jumis jūsų pasirinktu būdu ir laiku. Ar dalyvauti, visada sprendžiate jūs, ir galite bet kada sustoti.
sent-danger = Jei dabar jums gresia pavojus, skambinkite 999.
sent-contact-heading = Jei reikia su mumis susisiekti
sent-quote = Kai susisieksite su mumis, nurodykite kreipimosi numerį <strong>{ $reference }</strong>.
sent-privacy = Dėl jūsų saugumo šiame puslapyje nerodoma, ką išsiuntėte. Jei šiuo telefonu ar kompiuteriu naudojasi kas nors kitas, užsirašę kreipimosi numerį galbūt norėsite uždaryti šį puslapį.
sent-start = Grįžti į pradžią

## What the form says is wrong, before sending

error-role = Pasirinkite, kaip jus paveikė nusikaltimas ar konfliktas
error-relationship = Nurodykite, kas jums buvo žuvęs žmogus
error-area-detail = Nurodykite, kokioje vietovėje už grafystės ribų
error-full-name = Įrašykite savo vardą
error-channels = Pasirinkite bent vieną susisiekimo būdą
error-email = Įrašykite el. pašto adresą
error-email-format = Įrašykite tinkamo formato el. pašto adresą, pavyzdžiui, vardas@example.com
error-phone = Įrašykite telefono numerį
error-address = Įrašykite adresą
error-consent = Pažymėkite langelį, kad sutinkate, jog su jumis susisiektume

## What the server said was wrong, in this language (the server writes English)

server-error-too-long =
    { $max ->
        [one] Atsakymas per ilgas: ne daugiau kaip { $max } simbolis
        [few] Atsakymas per ilgas: ne daugiau kaip { $max } simboliai
        [many] Atsakymas per ilgas: ne daugiau kaip { $max } simbolio
       *[other] Atsakymas per ilgas: ne daugiau kaip { $max } simbolių
    }
server-error-characters = Atsakyme yra ženklų, kurių negalime priimti. Ištrinkite juos ir bandykite dar kartą
server-error-choose = Pasirinkite vieną iš sąrašo variantų
server-error-email = Įrašykite tinkamo formato el. pašto adresą, pavyzdžiui, vardas@example.com
server-error-phone = Įrašykite telefono numerį, pavyzdžiui, 01632 960 001 arba +44 7700 900 982
server-error-address = Įrašykite adresą arba nepasirinkite susisiekimo laišku
server-error-postcode = Įrašykite tikrą pašto kodą
server-error-consent = Galime padėti tik tada, jei sutiksite, kad su jumis susisiektume
server-error-check = Patikrinkite atsakymą į šį klausimą
server-error-busy = Šiuo metu negalime priimti jūsų kreipimosi, nes vienu metu gauname labai daug kreipimųsi. Bandykite dar kartą po valandos arba paskambinkite ar parašykite mums el. laišką.
server-error-other = Šiuo metu nepavyko išsiųsti kreipimosi. Netrukus bandykite dar kartą arba paskambinkite ar parašykite mums el. laišką.
network-failed = Kreipimasis neišsiųstas: nutrūko ryšys. Jūsų atsakymai išsaugoti. Patikrinkite mobilųjį ryšį ar „Wi-Fi“ ir bandykite dar kartą.

## The service's lists, where the form offers them (the server's own words in English)

list-areas-outside_county = Už grafystės ribų
list-offenceCategories-violence = Smurtas prieš asmenį
list-offenceCategories-sexual = Seksualinis nusikaltimas
list-offenceCategories-robbery = Plėšimas
list-offenceCategories-burglary = Vagystė įsibraunant
list-offenceCategories-theft = Vagystė
list-offenceCategories-vehicle = Su transporto priemone susijęs nusikaltimas
list-offenceCategories-criminal_damage_arson = Turto sugadinimas ar padegimas
list-offenceCategories-public_order = Viešosios tvarkos pažeidimas
list-offenceCategories-fraud = Sukčiavimas
list-offenceCategories-drugs = Su narkotikais susijęs nusikaltimas
list-offenceCategories-weapons = Ginklo laikymas
list-offenceCategories-road_death_injury = Kelių eismo nusikaltimas, dėl kurio žmogus žuvo ar buvo sunkiai sužalotas
list-offenceCategories-asb_neighbour = Antisocialus elgesys / ginčas su kaimynais (ne nusikaltimas)
list-offenceCategories-other = Kita
list-proceedingsStages-not_reported = Policijai nepranešta
list-proceedingsStages-under_investigation = Pranešta, vyksta tyrimas
list-proceedingsStages-out_of_court = Išspręsta be teismo
list-proceedingsStages-awaiting_court = Pareikšti kaltinimai, laukiama teismo
list-proceedingsStages-community_sentence = Nuteista, bausmė atliekama be laisvės atėmimo
list-proceedingsStages-custody = Nuteista laisvės atėmimu
list-proceedingsStages-sentence_completed = Bausmė atlikta
list-proceedingsStages-not_known = Nežinoma
list-languages-en = Anglų kalba
list-languages-pl = Lenkų kalba
list-languages-lt = Lietuvių kalba
list-languages-lv = Latvių kalba
list-languages-ro = Rumunų kalba
list-languages-pt = Portugalų kalba
list-languages-ru = Rusų kalba
list-languages-bg = Bulgarų kalba
list-languages-ur = Urdu kalba
list-languages-pa = Pendžabų kalba
list-languages-bn = Bengalų kalba
list-languages-gu = Gudžaratų kalba
list-languages-ar = Arabų kalba
list-languages-ku = Kurdų kalba
list-languages-ti = Tigrinja
list-languages-cmn = Kinų (mandarinų) kalba
list-languages-yue = Kantono kinų kalba
list-languages-bsl = Britų gestų kalba

## Messages the server sends (e-mail and text). Never a name, an offence, or what the service is.

ack-email-subject = Gavome jūsų formą ({ $reference })
ack-email-body =
    Dėkojame, kad kreipėtės.

    Jūsų kreipimosi numeris: { $reference }. Per 5 darbo dienas susisieksime su jumis jūsų pasirinktu būdu ir laiku.

    Jei norite su mumis susisiekti: skambinkite { $phone } ({ $hours }) arba rašykite { $email }. Nurodykite savo kreipimosi numerį.

    Jei dabar jums gresia pavojus, skambinkite 999.
ack-text = Gavome jūsų formą. Jūsų kreipimosi numeris: { $reference }. Susisieksime su jumis per 5 darbo dienas. Norėdami susisiekti, skambinkite { $phone }.
appointment-email-subject = Susitikimas: { $when } ({ $reference })
appointment-email-subject-updated = Susitikimas perkeltas: { $when } ({ $reference })
appointment-email-subject-cancelled = Susitikimas atšauktas: { $when } ({ $reference })
appointment-email-body =
    Jums paskirtas susitikimas: { $when } (JK laiku).
    Vieta: { $place }

    Kvietimas į kalendorių pridėtas prie laiško. Jei negalite atvykti arba jums reikia ko nors, kad būtų lengviau atvykti, skambinkite { $phone } ir nurodykite numerį { $reference }.
appointment-email-body-cancelled =
    Jūsų susitikimas ({ $when }) atšauktas. Susisieksime su jumis dėl tolesnių veiksmų.

    Norėdami susisiekti, skambinkite { $phone } ir nurodykite numerį { $reference }.
appointment-text = Jums paskirtas susitikimas: { $when }. Numeris { $reference }. Jei negalite atvykti, skambinkite { $phone }.
appointment-text-updated = Jūsų susitikimas perkeltas: { $when }. Numeris { $reference }. Jei negalite atvykti, skambinkite { $phone }.
appointment-text-cancelled = Jūsų susitikimas ({ $when }) atšauktas. Numeris { $reference }. Norėdami susisiekti, skambinkite { $phone }.
language-name = Lietuvių

## Letters the server writes, for people reached only by post. A letter is read by the person it
## is addressed to, but others at home may open it: the envelope side names nobody and nothing.

letter-private = Asmeninis ir konfidencialus: skirtas tik adresatui
letter-reference = Kreipimosi numeris: { $reference }
letter-dear = Laba diena, { $name },
letter-sign-off = Pagarbiai
letter-team = Atkuriamojo teisingumo tarnybos komanda
letter-team-discreet = Hub komanda
letter-contact = Norėdami su mumis susisiekti, skambinkite { $phone } ({ $hours }) arba rašykite { $email } ir nurodykite numerį { $reference }. Jei šio laiško jums reikia kita kalba, stambiu šriftu arba norite, kad jį jums perskaitytų, praneškite mums.
letter-ack-title = Gavome jūsų formą
letter-ack-body =
    Dėkojame, kad kreipėtės.

    Per 5 darbo dienas susisieksime su jumis jūsų pasirinktu būdu ir laiku.

    Jei dabar jums gresia pavojus, skambinkite 999.
letter-info-title = Atkuriamasis teisingumas: informacija jums
letter-info-body =
    Atkuriamasis teisingumas suteikia nuo nusikaltimo nukentėjusiems žmonėms galimybę bendrauti su už tai atsakingu asmeniu: paaiškinti, kaip tai juos paveikė, užduoti klausimus, į kuriuos atsakyti gali tik tas asmuo, ir turėti žodį sprendžiant, kas bus toliau.

    Tai nemokama, ir kiekviename etape sprendžiate jūs. Galite bet kada sustoti nenurodydami priežasties. Jums nereikia su niekuo susitikti: žinutes ir laiškus galime perduoti jūsų vardu.

    Pirmiausia apmokytas tarpininkas viską su jumis aptars ir tęs tik tuo atveju, jei tai bus jums saugu.
letter-appointment-title = Jūsų susitikimas
letter-appointment-body =
    Jums paskirtas susitikimas: { $when } (JK laiku).

    Vieta: { $place }
letter-appointment-access = Kaip nuvykti ir patekti į vidų: { $access }
letter-appointment-help = Jei negalite atvykti arba jums reikia ko nors, kad būtų lengviau atvykti, praneškite mums.
letter-appointment-cancelled-title = Jūsų susitikimas atšauktas
letter-appointment-cancelled-body = Jūsų susitikimas ({ $when }) atšauktas. Susisieksime su jumis dėl tolesnių veiksmų.
letter-agreement-title = Jūsų susitarimo kopija
letter-agreement-intro = Tai yra kopija to, dėl ko susitarėte. Pasiteirausime jūsų, kaip sekasi jį vykdyti.
letter-agreement-item = { $what } (iki { $due })
letter-agreement-item-undated = { $what }
