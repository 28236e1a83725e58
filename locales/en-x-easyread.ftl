# RJ Hub's words to the public in Easy Read English: short sentences, everyday words, one idea
# at a time. The same messages and attributes as en.ftl. Words in <strong>…</strong> are bold.

## Every public page

skip-link = Skip to the main part of the page
footer-text = RJ Hub. The restorative justice service.
# The page's title while its form shows errors.
title-error = Something is wrong: { $title }
exit-this-page = Leave this page now
    .emergency = Emergency
    .hint = This button takes you to the BBC weather page straight away. On a keyboard, you can press the Shift key 3 times to leave.
# Read out after each press of the Shift key.
exit-presses-left =
    { $count ->
        [one] Shift. Press it { $count } more time to leave.
       *[other] Shift. Press it { $count } more times to leave.
    }
exit-expired = Leaving this page has stopped.
exit-loading = Loading.
emergency = If you are in danger now, call 999.
language-switcher = Choose your language
contact-phone = Phone:
contact-email = Email:
contact-failed = We cannot show our phone number and email address just now. Check your internet. Then load the page again.
contact-loading = Getting our phone number and email address…
error-summary-title = Something is wrong
# Before an error message, for screen readers.
error-prefix = Something is wrong:
yes = Yes
no = No
not-sure = I do not know
continue = Next
back = Back

## The public home page

home-title = Restorative justice
home-heading = Restorative justice: a chance to be heard
home-lead = Restorative justice is when people talk about harm. It is for the person who was harmed and the person who did it.
home-intro = You can say how it made you feel. You can ask the person who did it your questions. You can say what should happen next. You do not have to meet them. We can pass on messages and letters.
home-who-heading = Who can use it
home-who-free = It is <strong>free</strong>.
home-who-choice = <strong>You choose</strong>. You can stop at any time. You do not have to say why.
home-who-anyone = <strong>Anyone</strong> can use it. It does not matter what the crime was or how old the person who did it is. It does not matter if you told the police.
home-who-where = It does not matter where you live or where you come from.
home-who-when = It can happen before, during or after a court case. It can happen years later.
home-who-bereaved = Did someone in your family die because of a crime? You can use it too.
home-contact-heading = How to get in touch
home-contact-intro = Tell us about you. Tell us how we can contact you safely. It takes about 10 minutes. You only answer the questions you want to.
home-start = Refer yourself
home-or-contact = Or phone or email us:
home-referred = Someone who helps you can also ask us for you. This can be a police officer, your Victims' Hub worker, or a youth offending, probation or prison worker.
home-exit-heading = Leave this website fast
home-exit-text = Do you need to leave this website fast? Press the red “Leave this page now” button at the top of the page. On a keyboard, you can press the Shift key 3 times. You go to the BBC weather page. Your answers are deleted.
home-next-heading = What happens next
home-next-contact = Someone from our team contacts you. We only contact you in the ways you say are safe. We only contact you at the times you say are safe.
home-next-talk = We talk with you about what you want. We talk about how we can help.
home-next-prepare = Do you want to go on? Someone trained helps you get ready. Nothing happens if you do not want it to.
home-harm = Did you harm someone? Do you want to put it right? Ask your youth offending, probation or prison worker. They can ask us for you.
home-staff = Staff sign in

## The self-referral: its pages (each page's heading, and its title with “– Refer yourself”)

refer-caption = Refer yourself
# The title of each page of the self-referral.
refer-title = { $page } – Refer yourself
page-affected = What happened to you?
page-what-happened = What happened
page-person-responsible = Do you know who did it?
page-name = What is your name?
page-contact = How we can contact you
page-support = Your language and help you need
page-check = Check your answers
page-send = Send your form
page-sent = Form sent
start-again = Start again
start-again-note = (this deletes your answers)
get-in-touch = You can also contact us:

## How you were affected

role-victim = It happened to me
role-bereaved = Someone close to me died because of a crime
    .hint = For example, your partner, parent, child, brother or sister
role-other = It affected me in another way
    .hint = For example, I saw it happen, or it happened to someone in my family
relationship = Who were they to you?
    .hint = For example, my mother, my partner or my son

## What happened

what-happened-intro = You do not have to answer these questions. Answer as much as you want. You can tell us later instead.
lists-failed = We cannot show some of the answers to choose from. Check your internet. Then load the page again.
offence-category = What kind of crime was it? (you do not have to answer)
choose-one = Choose one
hate-crime = I think it was a hate crime
    .hint = A hate crime is when someone is hurt because of their race, religion, disability, sexuality or because they are transgender
summary = What happened? (you do not have to answer)
    .hint = Use your own words. A few lines is enough.
area = Where did it happen? (you do not have to answer)
choose-area = Choose a place
area-detail = Which place?
    .hint = For example, Bedford or Northampton
originating-area = Have you moved since? Where did you live then? (you do not have to answer)
reported = Did anyone tell the police?
    .hint = You can use this service if they did or if they did not
crime-reference = Crime reference number (you do not have to answer)
proceedings-stage = What is happening now? (you do not have to answer)

## The person responsible

offender-known-hint = You do not have to answer. We never give your details to the person who did it.
contact-if-identified = Contact me if they find out who did it
    .hint = We will keep your details until then

## Your name

full-name-hint = Your full name, or the name you want us to use

## How we may contact you (the safe-contact profile)

contact-intro = We will only contact you in the ways you say are safe. We will only contact you at the times you say are safe.
channels = How can we contact you safely?
    .hint = Choose all the ways that are safe for you. We will only use these.
channel-PHONE = Phone call
channel-TEXT = Text message
channel-EMAIL = Email
channel-POST = Letter
email = Your email address
phone = Your phone number
    .hint = Is it a number from another country? Put the country code first.
text-uses-phone = We will send texts to the phone number you gave above.
address = Your address
postcode = Postcode
safe-windows = When is it safe to contact you?
    .hint = Choose all the times that are safe. If you do not choose any, we may email you at any time. We will only phone or text you between 8am and 9pm.
window-weekday-mornings = Monday to Friday mornings (9am to 12pm)
window-weekday-afternoons = Monday to Friday afternoons (12pm to 5pm)
window-weekday-evenings = Monday to Friday evenings (5pm to 8pm)
window-saturdays = Saturdays (10am to 4pm)
safe-times = Anything else about when to contact you (you do not have to answer)
    .hint = For example, not when you take the children to school, or not after 6pm
may-leave-message = Can we leave a message? (you do not have to answer)
    .hint = On your voicemail, or with someone else who answers
say-who-we-are = If someone else answers the phone or sees a message, can we say we are from the restorative justice service?
    .hint = If you say no, we will not tell them who we are or why we are calling.

## Language and support

support-intro = You do not have to answer these questions.
language = Which language do you want to use? (you do not have to answer)
choose-language = Choose a language
interpreter = I want an interpreter. An interpreter says what people say in your language.
accessibility = Do you need any help to take part? (you do not have to answer)
    .hint = For example, no steps, big writing, or a British Sign Language interpreter

## Check your answers: each row's key, and after “Change”, for screen readers, what it changes

change = Change
not-answered = No answer
any-time = You did not choose times. We may email you at any time. We will only phone or text you between 8am and 9pm.
answers-affected = What happened to you
answers-what-happened = What happened
answers-about-you = About you
row-role = What happened to you
    .change = what happened to you
row-relationship = Who the person who died was to you
    .change = who the person who died was to you
row-offence-category = Kind of crime
    .change = the kind of crime
row-hate-crime = A hate crime
    .change = if it was a hate crime
row-summary = What happened
    .change = what happened
row-area = Where it happened
    .change = where it happened
row-originating-area = Where you lived then, if you moved
    .change = where you lived then
row-reported = Told the police
    .change = if anyone told the police
row-crime-reference = Crime reference number
    .change = the crime reference number
row-proceedings-stage = What is happening now
    .change = what is happening now
row-offender-known = You know who did it
    .change = if you know who did it
row-contact-if-identified = Contact you if they find out who did it
    .change = if we should contact you when they find out who did it
row-name = Your name
    .change = your name
row-channels = How we can contact you
    .change = how we can contact you
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
row-may-leave-message = We can leave a message
    .change = if we can leave a message
row-say-who-we-are = We can say we are from the restorative justice service
    .change = if we can say we are from the restorative justice service
row-language = Language
    .change = the language you want to use
row-interpreter = An interpreter
    .change = if you want an interpreter
row-accessibility = Help you need to take part
    .change = the help you need to take part

## Send your referral

send-privacy = We keep what you tell us private. Only the people who work on your form see it. We never give your details to the person who did it.
consent = I agree that RJ Hub can contact me, in the ways and at the times I chose
honeypot = Leave this empty
send = Send my form
try-again = Try again
sending = Sending your form…

## The confirmation

sent-reference-is = Your reference number is
sent-write-down = Write down your reference number, or take a picture of the screen.
sent-email = We have sent an email with your reference number to your email address.
sent-next-heading = What happens next
sent-next = Someone from our team will read your form. They will contact you within 5 working days. They will use the ways and times you chose. You choose if you take part. You can stop at any time.
sent-danger = If you are in danger now, call 999.
sent-contact-heading = If you need to contact us
sent-quote = Tell us your reference number, <strong>{ $reference }</strong>, when you contact us.
sent-privacy = To keep you safe, this page does not show what you sent. Does someone else use this phone or computer? You may want to close this page when you have written down your reference number.
sent-start = Go back to the start

## What the form says is wrong, before sending

error-role = Choose what happened to you
error-relationship = Say who the person who died was to you
error-area-detail = Say which place, outside the county
error-full-name = Write your name
error-channels = Choose at least 1 way we can contact you
error-email = Write your email address
error-email-format = Write your email address like this: name@example.com
error-phone = Write your phone number
error-address = Write your address
error-consent = Tick the box to say we can contact you

## What the server said was wrong, in this language (the server writes English)

server-error-too-long =
    { $max ->
        [one] Your answer is too long. Use { $max } letter or less.
       *[other] Your answer is too long. Use { $max } letters or less.
    }
server-error-characters = Your answer has signs we cannot use. Take them out and try again.
server-error-choose = Choose one of the answers in the list
server-error-email = Write your email address like this: name@example.com
server-error-phone = Write your phone number like this: 01632 960 001 or +44 7700 900 982
server-error-address = Write your address, or do not choose letter
server-error-postcode = Write a real postcode
server-error-consent = We can only help if you say we can contact you
server-error-check = Check your answer to this question
server-error-busy = We cannot take your form just now. Lots of forms are coming in at the same time. Please try again in 1 hour, or phone or email us.
server-error-other = We cannot send your form just now. Try again soon, or phone or email us.
network-failed = Your form has not been sent. The internet stopped working. Your answers are still here. Check your internet, then try again.

## The service's lists, where the form offers them (the server's own words in English)

list-areas-outside_county = Not in this county
list-offenceCategories-violence = Someone hurt me
list-offenceCategories-sexual = Sexual crime
list-offenceCategories-robbery = Robbery: someone took things using force or threats
list-offenceCategories-burglary = Burglary: someone broke in
list-offenceCategories-theft = Theft: someone stole from me
list-offenceCategories-vehicle = Crime with a car or other vehicle
list-offenceCategories-criminal_damage_arson = Someone damaged things or set fire to things
list-offenceCategories-public_order = Trouble in a public place
list-offenceCategories-fraud = Fraud: someone tricked me out of money
list-offenceCategories-drugs = Drugs
list-offenceCategories-weapons = Someone had a weapon
list-offenceCategories-road_death_injury = Someone died or was badly hurt on the road
list-offenceCategories-asb_neighbour = Problems with neighbours or bad behaviour (not a crime)
list-offenceCategories-other = Something else
list-proceedingsStages-not_reported = Nobody told the police
list-proceedingsStages-under_investigation = The police are looking into it
list-proceedingsStages-out_of_court = It was dealt with without going to court
list-proceedingsStages-awaiting_court = They are waiting to go to court
list-proceedingsStages-community_sentence = They got a sentence to serve in the community
list-proceedingsStages-custody = They are in prison
list-proceedingsStages-sentence_completed = Their sentence has finished
list-proceedingsStages-not_known = I do not know
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

ack-email-subject = We have your form ({ $reference })
ack-email-body =
    Thank you for contacting us.

    Your reference number is { $reference }. We will contact you within 5 working days. We will use the ways and times you chose.

    Do you want to contact us? Phone { $phone } ({ $hours }), or email { $email }. Please tell us your reference number.

    If you are in danger now, call 999.
ack-text = We have your form. Your reference number is { $reference }. We will contact you within 5 working days. To contact us, call { $phone }.
appointment-email-subject = Meeting on { $when } ({ $reference })
appointment-email-subject-updated = New time: meeting on { $when } ({ $reference })
appointment-email-subject-cancelled = Cancelled: meeting on { $when } ({ $reference })
appointment-email-body =
    You have a meeting on { $when } (UK time).
    Place: { $place }

    The meeting is attached. You can add it to your calendar. Can you not come? Do you need help to come? Call { $phone } and tell us { $reference }.
appointment-email-body-cancelled =
    Your meeting on { $when } is cancelled. We will contact you about what happens next.

    To contact us, call { $phone } and tell us { $reference }.
appointment-text = You have a meeting on { $when }. Reference { $reference }. Can you not come? Call { $phone }.
appointment-text-updated = Your meeting has a new time: { $when }. Reference { $reference }. Can you not come? Call { $phone }.
appointment-text-cancelled = Your meeting on { $when } is cancelled. Reference { $reference }. To contact us, call { $phone }.
language-name = Easy Read

## Letters the server writes, for people reached only by post. A letter is read by the person it
## is addressed to, but others at home may open it: the envelope side names nobody and nothing.

letter-private = Private. Only for the person named on this letter.
letter-reference = Our reference number: { $reference }
letter-dear = Dear { $name },
letter-sign-off = Best wishes,
letter-team = The restorative justice team
letter-team-discreet = The Hub team
letter-contact = Do you want to contact us? Phone { $phone } ({ $hours }). Or email { $email }. Tell us your reference number: { $reference }. Do you need this letter in another language? Or in big print? Or read out to you? Please tell us.
letter-ack-title = We have your form
letter-ack-body =
    Thank you for contacting us.

    We will contact you within 5 working days. We will use the ways and times you chose.

    If you are in danger now, call 999.
letter-info-title = Restorative justice: information for you
letter-info-body =
    Restorative justice is when people talk about harm. The person who was harmed can tell the person who did it how it made them feel. They can ask their questions. They can have a say in what happens next.

    It is free. It is your choice. You can stop at any time. You do not have to say why. You do not have to meet anyone. We can pass on messages and letters for you.

    First, someone trained will talk with you about it. We only go on if it is safe for you.
letter-appointment-title = Your meeting
letter-appointment-body =
    You have a meeting on { $when } (UK time).

    Place: { $place }
letter-appointment-access = How to get there and get in: { $access }
letter-appointment-help = Can you not come? Do you need help to come? Please tell us.
letter-appointment-cancelled-title = Your meeting is cancelled
letter-appointment-cancelled-body = Your meeting on { $when } is cancelled. We will contact you about what happens next.
letter-agreement-title = A copy of your agreement
letter-agreement-intro = This is what you agreed. We will ask you how it is going.
letter-agreement-item = { $what } (by { $due })
letter-agreement-item-undated = { $what }
