# RJ Hub's words to the public, in English. Every file in locales/ has the same messages and
# attributes as this one (`npm run check` in pwa/ and the server's tests fail otherwise).
# Only the public pages (the home page and the self-referral) and the messages the server
# sends are translated. Words in <strong>…</strong> are shown in bold; no other markup.

## Every public page

skip-link = Skip to main content
footer-text = RJ Hub — the restorative justice service's case system.
# The page's title while its form shows errors.
title-error = Error: { $title }
exit-this-page = Exit this page
    .emergency = Emergency
    .hint = Leaves this website at once for the BBC weather page. On a keyboard, press the Shift key 3 times to leave.
# Read out after each press of the Shift key.
exit-presses-left =
    { $count ->
        [one] Shift, press { $count } more time to exit.
       *[other] Shift, press { $count } more times to exit.
    }
exit-expired = Exit this page expired.
exit-loading = Loading.
emergency = In an emergency, call 999.
language-switcher = Choose a language
contact-phone = Phone:
contact-email = Email:
contact-failed = Our phone number and email address could not be loaded just now. Check your connection, then reload the page to see them.
contact-loading = Loading our contact details…
error-summary-title = There is a problem
# Before an error message, for screen readers.
error-prefix = Error:
yes = Yes
no = No
not-sure = I’m not sure
continue = Continue
back = Back

## The public home page

home-title = Restorative justice
home-heading = Restorative justice: a chance to be heard
home-lead = Restorative justice brings together people harmed by a crime or conflict and the person responsible, so that everyone affected can help repair the harm.
home-intro = It can give you the chance to tell the person responsible how it affected you, to ask the questions only they can answer, and to have a say in what happens next. You do not have to meet them: messages and letters can be passed on for you.
home-who-heading = Who it is for
home-who-free = It is <strong>free</strong>.
home-who-choice = It is <strong>your choice at every stage</strong>: you can stop at any time, without giving a reason.
home-who-anyone = It is open to <strong>anyone</strong>, whatever the crime, however old the person responsible is, and whether or not it was reported to the police.
home-who-where = It does not matter where you live, what your nationality is or what your immigration status is.
home-who-when = It can happen before, during or after a court case, even years later.
home-who-bereaved = Family members of someone who died as a result of a crime can take part.
home-contact-heading = How to get in touch
home-contact-intro = Tell us about yourself and how we can contact you safely. It takes about 10 minutes, and you only need to answer the questions you want to.
home-start = Refer yourself
home-or-contact = Or phone or email us:
home-referred = You can also ask someone who is already supporting you to refer you: a police officer, your Victims' Hub care co-ordinator, or a youth offending, probation or prison worker.
home-exit-heading = Leaving this website quickly
home-exit-text = If you need to leave this website quickly, use the “Exit this page” button at the top of every page. On a keyboard, you can also press the Shift key 3 times. It takes you to the BBC weather page and clears the answers you have given.
home-next-heading = What happens next
home-next-contact = An RJ co-ordinator contacts you, only in the ways and at the times you say are safe.
home-next-talk = They talk with you about what you would like and whether restorative justice could help.
home-next-prepare = If you decide to go ahead, a trained facilitator helps you prepare. Nothing happens unless you want it to.
home-harm = If you caused harm and want to put things right, ask the youth offending, probation or prison worker you are in touch with: they can refer you.
home-staff = Staff sign in

## The self-referral: its pages (each page's heading, and its title with “– Refer yourself”)

refer-caption = Refer yourself
# The title of each page of the self-referral.
refer-title = { $page } – Refer yourself
page-affected = How did the crime or conflict affect you?
page-what-happened = What happened
page-person-responsible = Do you know who was responsible?
page-name = What is your name?
page-contact = How we may contact you
page-support = Language and support
page-check = Check your answers before sending your referral
page-send = Send your referral
page-sent = Referral sent
start-again = Start again
start-again-note = (this clears your answers)
get-in-touch = You can also get in touch with us:

## How you were affected

role-victim = It happened to me
role-bereaved = Someone close to me died as a result of a crime
    .hint = For example, your partner, parent, child, brother or sister
role-other = I was affected in another way
    .hint = For example, as a witness, a neighbour or a family member
relationship = What was your relationship to them?
    .hint = For example, mother, partner or son

## What happened

what-happened-intro = These questions are optional. Answer as much or as little as you like: you can talk about it with the co-ordinator instead.
lists-failed = Some of the choices could not be loaded. Check your connection, then reload the page.
offence-category = What kind of crime or conflict was it? (optional)
choose-one = Choose one
hate-crime = I think it was a hate crime
    .hint = Because of someone’s race, religion, disability, sexual orientation or transgender identity
summary = What happened? (optional)
    .hint = In your own words. A few lines are enough.
area = Where did it happen? (optional)
choose-area = Choose an area
area-detail = Which area?
    .hint = For example, Bedford or Northampton
originating-area = If you have moved since, where did you live then? (optional)
reported = Was it reported to the police?
    .hint = You can use this service either way
crime-reference = Crime reference number (optional)
proceedings-stage = Where have things got to? (optional)

## The person responsible

offender-known-hint = This is optional. We never pass your details to the person responsible.
contact-if-identified = Contact me if someone is identified
    .hint = We will keep your details until then

## Your name

full-name-hint = Your full name, or the name you would like us to use

## How we may contact you (the safe-contact profile)

contact-intro = We will only contact you in the ways and at the times you tell us are safe.
channels = How can we contact you safely?
    .hint = Choose the ways that are safe for you. We will only use these. Select all that apply.
channel-PHONE = Phone call
channel-TEXT = Text message
channel-EMAIL = Email
channel-POST = Letter
email = Your email address
phone = Your phone number
    .hint = For international numbers include the country code
text-uses-phone = We will text the phone number you gave above.
address = Your address
postcode = Postcode
safe-windows = When is it safe to contact you?
    .hint = Select all that apply. If you do not choose any, we may email you at any time, and will only phone or text you between 8am and 9pm.
window-weekday-mornings = Weekday mornings (9am to 12pm)
window-weekday-afternoons = Weekday afternoons (12pm to 5pm)
window-weekday-evenings = Weekday evenings (5pm to 8pm)
window-saturdays = Saturdays (10am to 4pm)
safe-times = Anything else about when to contact you (optional)
    .hint = For example, not during the school run, or not after 6pm
may-leave-message = Can we leave a message? (optional)
    .hint = On voicemail, or with someone else who answers
say-who-we-are = If someone else answers the phone or sees a message, can we say we are from the restorative justice service?
    .hint = If you choose no, we will not say who we are or why we are getting in touch.

## Language and support

support-intro = These questions are optional.
language = Which language would you like to use? (optional)
choose-language = Choose a language
interpreter = I would like an interpreter
accessibility = Is there anything that would help you take part? (optional)
    .hint = For example, step-free access, large print or a British Sign Language interpreter

## Check your answers: each row's key, and after “Change”, for screen readers, what it changes

change = Change
not-answered = Not answered
any-time = No times of your own: we may email you at any time, and will only phone or text you between 8am and 9pm
answers-affected = How you were affected
answers-what-happened = What happened
answers-about-you = About you
row-role = How you were affected
    .change = how you were affected
row-relationship = Your relationship to the person who died
    .change = your relationship to the person who died
row-offence-category = Kind of crime or conflict
    .change = the kind of crime or conflict
row-hate-crime = A hate crime
    .change = whether it was a hate crime
row-summary = What happened
    .change = what happened
row-area = Where it happened
    .change = where it happened
row-originating-area = Where you lived then, if you have moved
    .change = where you lived then
row-reported = Reported to the police
    .change = whether it was reported to the police
row-crime-reference = Crime reference number
    .change = the crime reference number
row-proceedings-stage = Where things have got to
    .change = where things have got to
row-offender-known = You know who was responsible
    .change = whether you know who was responsible
row-contact-if-identified = Contact you if someone is identified
    .change = whether to contact you if someone is identified
row-name = Your name
    .change = your name
row-channels = Ways we may contact you
    .change = the ways we may contact you
row-email = Email address
    .change = your email address
row-phone = Phone number
    .change = your phone number
row-address = Address
    .change = your address
row-postcode = Postcode
    .change = your postcode
row-safe-windows = When it is safe to contact you
    .change = when it is safe to contact you
row-safe-times = Anything else about when to contact you
    .change = anything else about when to contact you
row-may-leave-message = We may leave a message
    .change = whether we may leave a message
row-say-who-we-are = We may say we are from the restorative justice service
    .change = whether we may say we are from the restorative justice service
row-language = Language
    .change = the language you would like to use
row-interpreter = An interpreter
    .change = whether you would like an interpreter
row-accessibility = What would help you take part
    .change = what would help you take part

## Send your referral

send-privacy = We keep what you tell us private. Only the people working on your referral see it, and we never pass your details to the person responsible.
consent = I agree that the RJ Hub may contact me, in the ways and at the times I have chosen
honeypot = Leave this empty
send = Send referral
try-again = Try again
sending = Sending your referral…

## The confirmation

sent-reference-is = Your reference is
sent-write-down = Write your reference down, or take a screenshot.
sent-email = We have sent an email with your reference to the address you gave.
sent-next-heading = What happens next
sent-next = The RJ co-ordinator will read what you have sent and contact you, in the way and at the times you chose, within 5 working days. Taking part is always your choice, and you can stop at any time.
sent-danger = If you are in danger now, call 999.
sent-contact-heading = If you need to get in touch
sent-quote = Quote your reference, <strong>{ $reference }</strong>, when you get in touch.
sent-privacy = For your safety, this page does not show what you sent. If someone else uses this phone or computer, you may want to close this page when you have noted the reference.
sent-start = Back to the start

## What the form says is wrong, before sending

error-role = Choose how the crime or conflict affected you
error-relationship = Say how you are related to the person who died
error-area-detail = Say which area, outside the county
error-full-name = Enter your name
error-channels = Choose at least one way we can contact you
error-email = Enter an email address
error-email-format = Enter an email address in the correct format, like name@example.com
error-phone = Enter a phone number
error-address = Enter an address
error-consent = Tick the box to agree that we may contact you

## What the server said was wrong, in this language (the server writes English)

server-error-too-long =
    { $max ->
        [one] Your answer must be { $max } character or fewer
       *[other] Your answer must be { $max } characters or fewer
    }
server-error-characters = Your answer has characters we cannot accept. Take them out and try again
server-error-choose = Choose one of the options in the list
server-error-email = Enter an email address in the correct format, like name@example.com
server-error-phone = Enter a phone number, like 01632 960 001 or +44 7700 900 982
server-error-address = Enter an address, or do not choose letter
server-error-postcode = Enter a real postcode
server-error-consent = We can only help if you agree that we may contact you
server-error-check = Check your answer to this question
server-error-busy = We could not take your form just now because a great many are arriving at once. Please try again in an hour, or phone or email us.
server-error-other = Your referral could not be sent just now. Try again in a moment, or phone or email us.
network-failed = Your referral has not been sent: the connection dropped. Your answers are still here. Check your signal or Wi-Fi, then try again.

## The service's lists, where the form offers them (the server's own words in English)

list-areas-outside_county = Outside the county
list-offenceCategories-violence = Violence against the person
list-offenceCategories-sexual = Sexual offence
list-offenceCategories-robbery = Robbery
list-offenceCategories-burglary = Burglary
list-offenceCategories-theft = Theft
list-offenceCategories-vehicle = Vehicle offence
list-offenceCategories-criminal_damage_arson = Criminal damage and arson
list-offenceCategories-public_order = Public order
list-offenceCategories-fraud = Fraud
list-offenceCategories-drugs = Drug offence
list-offenceCategories-weapons = Possession of weapons
list-offenceCategories-road_death_injury = Road traffic offence causing death or serious injury
list-offenceCategories-asb_neighbour = Anti-social behaviour / neighbour dispute (not a crime)
list-offenceCategories-other = Other
list-proceedingsStages-not_reported = Not reported to police
list-proceedingsStages-under_investigation = Reported, under investigation
list-proceedingsStages-out_of_court = Out-of-court disposal
list-proceedingsStages-awaiting_court = Charged, awaiting court
list-proceedingsStages-community_sentence = Sentenced, serving in the community
list-proceedingsStages-custody = Sentenced, in custody
list-proceedingsStages-sentence_completed = After sentence completed
list-proceedingsStages-not_known = Not known
list-languages-en = English
list-languages-pl = Polish
list-languages-lt = Lithuanian
list-languages-lv = Latvian
list-languages-ro = Romanian
list-languages-pt = Portuguese
list-languages-ru = Russian
list-languages-bg = Bulgarian
list-languages-ur = Urdu
list-languages-pa = Punjabi
list-languages-bn = Bengali
list-languages-gu = Gujarati
list-languages-ar = Arabic
list-languages-ku = Kurdish
list-languages-ti = Tigrinya
list-languages-cmn = Mandarin
list-languages-yue = Cantonese
list-languages-bsl = British Sign Language

## Messages the server sends (e-mail and text). Never a name, an offence, or what the service is.

ack-email-subject = We have received your form ({ $reference })
ack-email-body =
    Thank you for getting in touch.

    Your reference is { $reference }. We will contact you in the way and at the times you chose, within 5 working days.

    If you want to reach us: phone { $phone } ({ $hours }), or e-mail { $email }. Please quote your reference.

    If you are in danger now, call 999.
ack-text = We have received your form. Your reference is { $reference }. We will contact you within 5 working days. To reach us, call { $phone }.
appointment-email-subject = Appointment on { $when } ({ $reference })
appointment-email-subject-updated = Changed: appointment on { $when } ({ $reference })
appointment-email-subject-cancelled = Cancelled: appointment on { $when } ({ $reference })
appointment-email-body =
    You have an appointment on { $when } (UK time).
    Where: { $place }

    The invitation is attached for your calendar. If you cannot come, or need anything to make it easier to come, call { $phone } and quote { $reference }.
appointment-email-body-cancelled =
    Your appointment on { $when } has been cancelled. We will contact you about what happens next.

    To reach us, call { $phone } and quote { $reference }.
appointment-text = You have an appointment on { $when }. Reference { $reference }. If you cannot come, call { $phone }.
appointment-text-updated = Your appointment has moved to { $when }. Reference { $reference }. If you cannot come, call { $phone }.
appointment-text-cancelled = Your appointment on { $when } has been cancelled. Reference { $reference }. To reach us, call { $phone }.
language-name = English

## Letters the server writes, for people reached only by post. A letter is read by the person it
## is addressed to, but others at home may open it: the envelope side names nobody and nothing.

letter-private = Private and confidential: for the addressee only
letter-reference = Our reference: { $reference }
letter-dear = Dear { $name },
letter-sign-off = Yours sincerely,
letter-team = The restorative justice team
letter-team-discreet = The Hub team
letter-contact = To reach us, call { $phone } ({ $hours }) or e-mail { $email }, and quote { $reference }. If you need this letter in another language, in large print or read to you, tell us.
letter-ack-title = We have received your form
letter-ack-body =
    Thank you for getting in touch with us.

    We will contact you in the way and at the times you chose, within 5 working days.

    If you are in danger now, call 999.
letter-info-title = Restorative justice: information for you
letter-info-body =
    Restorative justice gives people harmed by a crime the chance to communicate with the person responsible: to explain how it affected them, to ask the questions only that person can answer, and to have a say in what happens next.

    It is free, and it is your choice at every stage. You can stop at any time, without giving a reason. You do not have to meet anyone: messages and letters can be passed on for you.

    A trained facilitator will talk it through with you first, and will only go ahead if it is safe for you.
letter-appointment-title = Your appointment
letter-appointment-body =
    You have an appointment on { $when } (UK time).

    Where: { $place }
letter-appointment-access = Getting there and getting in: { $access }
letter-appointment-help = If you cannot come, or need anything to make it easier to come, please tell us.
letter-appointment-cancelled-title = Your appointment has been cancelled
letter-appointment-cancelled-body = Your appointment on { $when } has been cancelled. We will contact you about what happens next.
letter-agreement-title = A copy of your agreement
letter-agreement-intro = This is a copy of what was agreed. We will check with you how it is going.
letter-agreement-item = { $what } (by { $due })
letter-agreement-item-undated = { $what }
