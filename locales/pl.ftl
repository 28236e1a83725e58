# Słowa RJ Hub dla osób z zewnątrz, po polsku. Te same komunikaty i atrybuty co w en.ftl.
# Słowa w <strong>…</strong> są pogrubione; innych znaczników nie używamy.

## Every public page

skip-link = Przejdź do głównej treści
footer-text = RJ Hub — system spraw zespołu ds. sprawiedliwości naprawczej.
# The page's title while its form shows errors.
title-error = Błąd: { $title }
exit-this-page = Wyjdź z tej strony
    .emergency = Pilne
    .hint = Natychmiast przenosi na stronę pogody BBC. Na klawiaturze możesz 3 razy nacisnąć klawisz Shift, aby wyjść.
# Read out after each press of the Shift key.
exit-presses-left =
    { $count ->
        [one] Shift. Naciśnij jeszcze raz, aby wyjść.
        [few] Shift. Naciśnij jeszcze { $count } razy, aby wyjść.
        [many] Shift. Naciśnij jeszcze { $count } razy, aby wyjść.
       *[other] Shift. Naciśnij jeszcze { $count } razy, aby wyjść.
    }
exit-expired = Wychodzenie ze strony przerwane.
exit-loading = Wczytywanie.
emergency = W nagłej sytuacji zadzwoń pod numer 999.
language-switcher = Wybierz język
contact-phone = Telefon:
contact-email = E-mail:
contact-failed = Nie udało się teraz wczytać naszego numeru telefonu i adresu e-mail. Sprawdź połączenie z internetem, a potem wczytaj stronę ponownie.
contact-loading = Wczytywanie danych kontaktowych…
error-summary-title = Wystąpił problem
# Before an error message, for screen readers.
error-prefix = Błąd:
yes = Tak
no = Nie
not-sure = Nie wiem
continue = Dalej
back = Wstecz

## The public home page

home-title = Sprawiedliwość naprawcza
home-heading = Sprawiedliwość naprawcza: szansa, by Twój głos został usłyszany
home-lead = Sprawiedliwość naprawcza łączy osoby pokrzywdzone przestępstwem lub konfliktem z osobą, która wyrządziła krzywdę, tak aby wszyscy, których to dotyczy, mogli pomóc naprawić szkodę.
home-intro = Daje Ci szansę, by powiedzieć sprawcy, jak to na Ciebie wpłynęło, zadać pytania, na które tylko ta osoba może odpowiedzieć, i mieć wpływ na to, co stanie się dalej. Nie musisz się z nią spotykać: możemy przekazać za Ciebie wiadomości i listy.
home-who-heading = Dla kogo to jest
home-who-free = Udział jest <strong>bezpłatny</strong>.
home-who-choice = <strong>Na każdym etapie decydujesz Ty</strong>: możesz zrezygnować w dowolnym momencie, bez podawania powodu.
home-who-anyone = Skorzystać może <strong>każdy</strong>, bez względu na rodzaj przestępstwa, wiek sprawcy i to, czy sprawę zgłoszono na policję.
home-who-where = Nie ma znaczenia, gdzie mieszkasz, jakie masz obywatelstwo ani jaki masz status imigracyjny.
home-who-when = Może się to odbyć przed procesem sądowym, w jego trakcie lub po nim, nawet po latach.
home-who-bereaved = Udział mogą też wziąć członkowie rodziny osoby, która zmarła w wyniku przestępstwa.
home-contact-heading = Jak się z nami skontaktować
home-contact-intro = Opowiedz nam o sobie i o tym, jak możemy bezpiecznie się z Tobą kontaktować. Zajmie to około 10 minut. Odpowiadasz tylko na te pytania, na które chcesz.
home-start = Zgłoś się
home-or-contact = Możesz też do nas zadzwonić lub napisać e-mail:
home-referred = Możesz też poprosić o zgłoszenie osobę, która już Ci pomaga: policjanta, koordynatora opieki z Victims' Hub albo pracownika służby ds. nieletnich sprawców (youth offending), kuratora (probation) lub pracownika więzienia.
home-exit-heading = Jak szybko opuścić tę stronę
home-exit-text = Jeśli musisz szybko opuścić tę stronę, użyj przycisku „Wyjdź z tej strony” na górze każdej strony. Na klawiaturze możesz też 3 razy nacisnąć klawisz Shift. Przeniesie Cię to na stronę pogody BBC i usunie udzielone odpowiedzi.
home-next-heading = Co dzieje się dalej
home-next-contact = Koordynator RJ kontaktuje się z Tobą tylko w sposób i w porach, które wskażesz jako bezpieczne.
home-next-talk = Rozmawia z Tobą o tym, czego chcesz i czy sprawiedliwość naprawcza może Ci pomóc.
home-next-prepare = Jeśli zdecydujesz się kontynuować, przeszkolona osoba prowadząca pomoże Ci się przygotować. Nic się nie wydarzy bez Twojej zgody.
home-harm = Jeśli to Ty jesteś osobą, która wyrządziła krzywdę, i chcesz to naprawić, zapytaj pracownika służby ds. nieletnich sprawców, kuratora lub pracownika więzienia, z którym masz kontakt: może Cię zgłosić.
home-staff = Logowanie dla pracowników

## The self-referral: its pages (each page's heading, and its title with “– Refer yourself”)

refer-caption = Zgłoszenie
# The title of each page of the self-referral.
refer-title = { $page } – Zgłoszenie
page-affected = Jak dotknęło Cię przestępstwo lub konflikt?
page-what-happened = Co się stało
page-person-responsible = Czy wiesz, kto jest sprawcą?
page-name = Jak się nazywasz?
page-contact = Jak możemy się z Tobą kontaktować
page-support = Język i wsparcie
page-check = Sprawdź odpowiedzi przed wysłaniem zgłoszenia
page-send = Wyślij zgłoszenie
page-sent = Zgłoszenie wysłane
start-again = Zacznij od nowa
start-again-note = (spowoduje to usunięcie odpowiedzi)
get-in-touch = Możesz też się z nami skontaktować:

## How you were affected

role-victim = To spotkało mnie
role-bereaved = Bliska mi osoba zmarła w wyniku przestępstwa
    .hint = Na przykład partner lub partnerka, rodzic, dziecko, brat lub siostra
role-other = Dotknęło mnie to w inny sposób
    .hint = Na przykład jako świadka, sąsiada lub członka rodziny
relationship = Kim była dla Ciebie ta osoba?
    .hint = Na przykład matką, partnerem lub synem

## What happened

what-happened-intro = Te pytania są opcjonalne. Odpowiedz na tyle, na ile chcesz: możesz też porozmawiać o tym z koordynatorem.
lists-failed = Nie udało się wczytać niektórych opcji wyboru. Sprawdź połączenie z internetem, a potem wczytaj stronę ponownie.
offence-category = Jakiego rodzaju było to przestępstwo lub konflikt? (opcjonalnie)
choose-one = Wybierz
hate-crime = Myślę, że było to przestępstwo z nienawiści
    .hint = Z powodu czyjejś rasy, religii, niepełnosprawności, orientacji seksualnej lub tożsamości transpłciowej
summary = Co się stało? (opcjonalnie)
    .hint = Własnymi słowami. Wystarczy kilka zdań.
area = Gdzie to się stało? (opcjonalnie)
choose-area = Wybierz obszar
area-detail = W jakim miejscu?
    .hint = Na przykład Bedford lub Northampton
originating-area = Jeśli od tego czasu zmienił się Twój adres, to gdzie był wtedy Twój dom? (opcjonalnie)
reported = Czy sprawę zgłoszono na policję?
    .hint = Możesz skorzystać z tej usługi w obu przypadkach
crime-reference = Numer sprawy nadany przez policję (opcjonalnie)
proceedings-stage = Na jakim etapie jest sprawa? (opcjonalnie)

## The person responsible

offender-known-hint = To pytanie jest opcjonalne. Nigdy nie przekazujemy Twoich danych sprawcy.
contact-if-identified = Skontaktujcie się ze mną, jeśli sprawca zostanie ustalony
    .hint = Do tego czasu przechowamy Twoje dane

## Your name

full-name-hint = Imię i nazwisko albo imię, którym mamy się do Ciebie zwracać

## How we may contact you (the safe-contact profile)

contact-intro = Skontaktujemy się z Tobą tylko w sposób i w porach, które wskażesz jako bezpieczne.
channels = Jak możemy bezpiecznie się z Tobą kontaktować?
    .hint = Wybierz sposoby, które są dla Ciebie bezpieczne. Będziemy używać tylko ich. Zaznacz wszystkie, które pasują.
channel-PHONE = Rozmowa telefoniczna
channel-TEXT = SMS
channel-EMAIL = E-mail
channel-POST = List
email = Twój adres e-mail
phone = Twój numer telefonu
    .hint = Przy numerze zagranicznym podaj numer kierunkowy kraju
text-uses-phone = SMS-y wyślemy na numer telefonu podany powyżej.
address = Twój adres
postcode = Kod pocztowy
safe-windows = Kiedy możemy bezpiecznie się z Tobą kontaktować?
    .hint = Zaznacz wszystkie, które pasują. Jeśli nic nie zaznaczysz, możemy napisać do Ciebie e-mail o dowolnej porze, a dzwonić lub wysyłać SMS-y tylko między 8:00 a 21:00.
window-weekday-mornings = W dni robocze rano (od 9:00 do 12:00)
window-weekday-afternoons = W dni robocze po południu (od 12:00 do 17:00)
window-weekday-evenings = W dni robocze wieczorem (od 17:00 do 20:00)
window-saturdays = W soboty (od 10:00 do 16:00)
safe-times = Inne uwagi o tym, kiedy się z Tobą kontaktować (opcjonalnie)
    .hint = Na przykład nie w porze odprowadzania dzieci do szkoły albo nie po 18:00
may-leave-message = Czy możemy zostawić wiadomość? (opcjonalnie)
    .hint = Na poczcie głosowej lub u innej osoby, która odbierze telefon
say-who-we-are = Jeśli telefon odbierze ktoś inny albo ktoś inny zobaczy wiadomość, czy możemy powiedzieć, że jesteśmy z zespołu ds. sprawiedliwości naprawczej?
    .hint = Jeśli wybierzesz „Nie”, nie powiemy, kim jesteśmy ani w jakiej sprawie się kontaktujemy.

## Language and support

support-intro = Te pytania są opcjonalne.
language = W jakim języku chcesz się z nami porozumiewać? (opcjonalnie)
choose-language = Wybierz język
interpreter = Potrzebuję tłumacza
accessibility = Czy coś ułatwiłoby Ci udział? (opcjonalnie)
    .hint = Na przykład dostęp bez schodów, duży druk lub tłumacz brytyjskiego języka migowego (BSL)

## Check your answers: each row's key, and after “Change”, for screen readers, what it changes

change = Zmień
not-answered = Brak odpowiedzi
any-time = Bez wybranych pór: e-mail możemy wysłać o dowolnej porze, a dzwonić lub wysyłać SMS-y tylko między 8:00 a 21:00
answers-affected = Jak Cię to dotknęło
answers-what-happened = Co się stało
answers-about-you = O Tobie
row-role = Jak Cię to dotknęło
    .change = jak Cię to dotknęło
row-relationship = Kim była dla Ciebie osoba, która zmarła
    .change = kim była dla Ciebie osoba, która zmarła
row-offence-category = Rodzaj przestępstwa lub konfliktu
    .change = rodzaj przestępstwa lub konfliktu
row-hate-crime = Przestępstwo z nienawiści
    .change = czy było to przestępstwo z nienawiści
row-summary = Co się stało
    .change = co się stało
row-area = Gdzie to się stało
    .change = gdzie to się stało
row-originating-area = Gdzie był wtedy Twój dom, jeśli adres się zmienił
    .change = gdzie był wtedy Twój dom
row-reported = Zgłoszono na policję
    .change = czy sprawę zgłoszono na policję
row-crime-reference = Numer sprawy nadany przez policję
    .change = numer sprawy nadany przez policję
row-proceedings-stage = Etap sprawy
    .change = etap sprawy
row-offender-known = Wiesz, kto jest sprawcą
    .change = czy wiesz, kto jest sprawcą
row-contact-if-identified = Kontakt, jeśli sprawca zostanie ustalony
    .change = czy skontaktować się z Tobą, jeśli sprawca zostanie ustalony
row-name = Imię i nazwisko
    .change = imię i nazwisko
row-channels = Sposoby kontaktu
    .change = sposoby kontaktu
row-email = Adres e-mail
    .change = adres e-mail
row-phone = Numer telefonu
    .change = numer telefonu
row-address = Adres
    .change = adres
row-postcode = Kod pocztowy
    .change = kod pocztowy
row-safe-windows = Kiedy można bezpiecznie się z Tobą kontaktować
    .change = kiedy można bezpiecznie się z Tobą kontaktować
row-safe-times = Inne uwagi o porze kontaktu
    .change = inne uwagi o porze kontaktu
row-may-leave-message = Możemy zostawić wiadomość
    .change = czy możemy zostawić wiadomość
row-say-who-we-are = Możemy powiedzieć, że jesteśmy z zespołu ds. sprawiedliwości naprawczej
    .change = czy możemy powiedzieć, że jesteśmy z zespołu ds. sprawiedliwości naprawczej
row-language = Język
    .change = język, w którym chcesz się porozumiewać
row-interpreter = Tłumacz
    .change = czy potrzebujesz tłumacza
row-accessibility = Co ułatwiłoby Ci udział
    .change = co ułatwiłoby Ci udział

## Send your referral

send-privacy = To, co nam przekażesz, pozostaje poufne. Widzą to tylko osoby zajmujące się Twoim zgłoszeniem, a Twoich danych nigdy nie przekazujemy sprawcy.
consent = Zgadzam się, aby RJ Hub kontaktował się ze mną w wybrany przeze mnie sposób i w wybranych przeze mnie porach
honeypot = Pozostaw to pole puste
send = Wyślij zgłoszenie
try-again = Spróbuj ponownie
sending = Wysyłanie zgłoszenia…

## The confirmation

sent-reference-is = Twój numer referencyjny to
sent-write-down = Zapisz numer referencyjny albo zrób zrzut ekranu.
sent-email = Wysłaliśmy e-mail z numerem referencyjnym na podany adres.
sent-next-heading = Co dzieje się dalej
sent-next = Koordynator RJ przeczyta Twoje zgłoszenie i w ciągu 5 dni roboczych skontaktuje się z Tobą w wybrany przez Ciebie sposób i w wybranych porach. Udział zawsze zależy od Ciebie i możesz zrezygnować w dowolnym momencie.
sent-danger = Jeśli grozi Ci teraz niebezpieczeństwo, zadzwoń pod numer 999.
sent-contact-heading = Jeśli chcesz się z nami skontaktować
sent-quote = Kontaktując się z nami, podaj numer referencyjny <strong>{ $reference }</strong>.
sent-privacy = Dla Twojego bezpieczeństwa ta strona nie pokazuje, co nam przesłano. Jeśli z tego telefonu lub komputera korzysta ktoś jeszcze, możesz zamknąć tę stronę po zapisaniu numeru referencyjnego.
sent-start = Wróć na stronę główną

## What the form says is wrong, before sending

error-role = Wybierz, jak dotknęło Cię przestępstwo lub konflikt
error-relationship = Napisz, kim była dla Ciebie osoba, która zmarła
error-area-detail = Napisz, w jakim miejscu poza hrabstwem
error-full-name = Wpisz swoje imię i nazwisko
error-channels = Wybierz co najmniej jeden sposób kontaktu
error-email = Wpisz adres e-mail
error-email-format = Wpisz adres e-mail w poprawnym formacie, na przykład imie@example.com
error-phone = Wpisz numer telefonu
error-address = Wpisz adres
error-consent = Zaznacz pole, aby wyrazić zgodę na kontakt

## What the server said was wrong, in this language (the server writes English)

server-error-too-long =
    { $max ->
        [one] Odpowiedź może mieć najwyżej { $max } znak
        [few] Odpowiedź może mieć najwyżej { $max } znaki
        [many] Odpowiedź może mieć najwyżej { $max } znaków
       *[other] Odpowiedź może mieć najwyżej { $max } znaku
    }
server-error-characters = Odpowiedź zawiera znaki, których nie możemy przyjąć. Usuń je i spróbuj ponownie
server-error-choose = Wybierz jedną z opcji z listy
server-error-email = Wpisz adres e-mail w poprawnym formacie, na przykład imie@example.com
server-error-phone = Wpisz numer telefonu, na przykład 01632 960 001 lub +44 7700 900 982
server-error-address = Wpisz adres albo nie wybieraj kontaktu listownego
server-error-postcode = Wpisz prawidłowy kod pocztowy
server-error-consent = Możemy pomóc tylko wtedy, gdy wyrazisz zgodę na kontakt
server-error-check = Sprawdź odpowiedź na to pytanie
server-error-busy = Nie możemy teraz przyjąć Twojego zgłoszenia, ponieważ w tej chwili wpływa ich bardzo dużo. Spróbuj ponownie za godzinę albo zadzwoń lub napisz do nas e-mail.
server-error-other = Nie udało się teraz wysłać zgłoszenia. Spróbuj ponownie za chwilę albo zadzwoń lub napisz do nas e-mail.
network-failed = Zgłoszenie nie zostało wysłane: zerwało się połączenie. Twoje odpowiedzi są nadal tutaj. Sprawdź zasięg lub Wi-Fi i spróbuj ponownie.

## The service's lists, where the form offers them (the server's own words in English)

list-areas-outside_county = Poza hrabstwem
list-offenceCategories-violence = Przemoc wobec osoby
list-offenceCategories-sexual = Przestępstwo seksualne
list-offenceCategories-robbery = Rozbój
list-offenceCategories-burglary = Włamanie
list-offenceCategories-theft = Kradzież
list-offenceCategories-vehicle = Przestępstwo związane z pojazdem
list-offenceCategories-criminal_damage_arson = Zniszczenie mienia lub podpalenie
list-offenceCategories-public_order = Naruszenie porządku publicznego
list-offenceCategories-fraud = Oszustwo
list-offenceCategories-drugs = Przestępstwo narkotykowe
list-offenceCategories-weapons = Posiadanie broni
list-offenceCategories-road_death_injury = Przestępstwo drogowe, w którym ktoś zginął lub został ciężko ranny
list-offenceCategories-asb_neighbour = Zachowanie aspołeczne / spór sąsiedzki (nie przestępstwo)
list-offenceCategories-other = Inne
list-proceedingsStages-not_reported = Nie zgłoszono na policję
list-proceedingsStages-under_investigation = Zgłoszono, trwa postępowanie policji
list-proceedingsStages-out_of_court = Załatwione bez sprawy w sądzie
list-proceedingsStages-awaiting_court = Postawiono zarzuty, sprawa czeka na sąd
list-proceedingsStages-community_sentence = Wyrok wydany, kara odbywana na wolności
list-proceedingsStages-custody = Wyrok wydany, kara pozbawienia wolności
list-proceedingsStages-sentence_completed = Po odbyciu kary
list-proceedingsStages-not_known = Nie wiadomo
list-languages-en = Angielski
list-languages-pl = Polski
list-languages-lt = Litewski
list-languages-lv = Łotewski
list-languages-ro = Rumuński
list-languages-pt = Portugalski
list-languages-ru = Rosyjski
list-languages-bg = Bułgarski
list-languages-ur = Urdu
list-languages-pa = Pendżabski
list-languages-bn = Bengalski
list-languages-gu = Gudżarati
list-languages-ar = Arabski
list-languages-ku = Kurdyjski
list-languages-ti = Tigrinia
list-languages-cmn = Mandaryński
list-languages-yue = Kantoński
list-languages-bsl = Brytyjski język migowy

## Messages the server sends (e-mail and text). Never a name, an offence, or what the service is.

ack-email-subject = Otrzymaliśmy Twój formularz ({ $reference })
ack-email-body =
    Dziękujemy za kontakt.

    Twój numer referencyjny to { $reference }. W ciągu 5 dni roboczych skontaktujemy się z Tobą w wybrany przez Ciebie sposób i w wybranych porach.

    Jeśli chcesz się z nami skontaktować: zadzwoń pod numer { $phone } ({ $hours }) lub napisz na adres { $email }. Podaj swój numer referencyjny.

    Jeśli grozi Ci teraz niebezpieczeństwo, zadzwoń pod numer 999.
ack-text = Otrzymaliśmy Twój formularz. Twój numer referencyjny to { $reference }. Skontaktujemy się z Tobą w ciągu 5 dni roboczych. Aby się z nami skontaktować, zadzwoń pod numer { $phone }.
appointment-email-subject = Spotkanie: { $when } ({ $reference })
appointment-email-subject-updated = Zmiana terminu spotkania: { $when } ({ $reference })
appointment-email-subject-cancelled = Spotkanie odwołane: { $when } ({ $reference })
appointment-email-body =
    Masz zaplanowane spotkanie: { $when } (czas brytyjski).
    Miejsce: { $place }

    Zaproszenie do kalendarza jest w załączniku. Jeśli nie możesz przyjść albo potrzebujesz czegoś, co ułatwi Ci przyjście, zadzwoń pod numer { $phone } i podaj numer { $reference }.
appointment-email-body-cancelled =
    Twoje spotkanie ({ $when }) zostało odwołane. Skontaktujemy się z Tobą w sprawie dalszych kroków.

    Aby się z nami skontaktować, zadzwoń pod numer { $phone } i podaj numer { $reference }.
appointment-text = Masz spotkanie: { $when }. Numer referencyjny: { $reference }. Jeśli nie możesz przyjść, zadzwoń pod numer { $phone }.
appointment-text-updated = Termin Twojego spotkania się zmienił: { $when }. Numer referencyjny: { $reference }. Jeśli nie możesz przyjść, zadzwoń pod numer { $phone }.
appointment-text-cancelled = Twoje spotkanie ({ $when }) zostało odwołane. Numer referencyjny: { $reference }. Aby się z nami skontaktować, zadzwoń pod numer { $phone }.
language-name = Polski

## Letters the server writes, for people reached only by post. A letter is read by the person it
## is addressed to, but others at home may open it: the envelope side names nobody and nothing.

letter-private = Prywatne i poufne: do rąk własnych
letter-reference = Nasz numer referencyjny: { $reference }
letter-dear = Dzień dobry { $name },
letter-sign-off = Z poważaniem
letter-team = Zespół ds. sprawiedliwości naprawczej
letter-team-discreet = Zespół Hub
letter-contact = Aby się z nami skontaktować, zadzwoń pod numer { $phone } ({ $hours }) lub napisz na adres { $email } i podaj numer referencyjny { $reference }. Jeśli potrzebujesz tego listu w innym języku, dużym drukiem albo chcesz, żeby ktoś Ci go przeczytał, daj nam znać.
letter-ack-title = Otrzymaliśmy Twój formularz
letter-ack-body =
    Dziękujemy za kontakt z nami.

    W ciągu 5 dni roboczych skontaktujemy się z Tobą w wybrany przez Ciebie sposób i w wybranych porach.

    Jeśli grozi Ci teraz niebezpieczeństwo, zadzwoń pod numer 999.
letter-info-title = Sprawiedliwość naprawcza: informacje dla Ciebie
letter-info-body =
    Sprawiedliwość naprawcza daje osobom pokrzywdzonym przestępstwem możliwość porozumienia się z osobą, która wyrządziła krzywdę: wyjaśnienia, jak to na nie wpłynęło, zadania pytań, na które odpowiedź zna tylko ta osoba, i współdecydowania o tym, co wydarzy się dalej.

    Jest bezpłatna, a decyzja na każdym etapie należy do Ciebie. Możesz zrezygnować w dowolnym momencie, bez podawania powodu. Nie musisz się z nikim spotykać: możemy przekazywać wiadomości i listy w Twoim imieniu.

    Najpierw przeszkolona osoba prowadząca wszystko z Tobą omówi. Dalsze kroki podejmie tylko wtedy, gdy będzie to dla Ciebie bezpieczne.
letter-appointment-title = Twoje spotkanie
letter-appointment-body =
    Masz zaplanowane spotkanie: { $when } (czas brytyjski).

    Miejsce: { $place }
letter-appointment-access = Dojazd i wejście do budynku: { $access }
letter-appointment-help = Jeśli nie możesz przyjść albo potrzebujesz czegoś, co ułatwi Ci przyjście, daj nam znać.
letter-appointment-cancelled-title = Twoje spotkanie zostało odwołane
letter-appointment-cancelled-body = Twoje spotkanie ({ $when }) zostało odwołane. Skontaktujemy się z Tobą w sprawie dalszych kroków.
letter-agreement-title = Kopia Twojego porozumienia
letter-agreement-intro = Oto kopia wspólnych ustaleń. Będziemy się z Tobą kontaktować, żeby sprawdzić, jak przebiega ich realizacja.
letter-agreement-item = { $what } (do { $due })
letter-agreement-item-undated = { $what }
