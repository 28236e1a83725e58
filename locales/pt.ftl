# As palavras do RJ Hub para quem visita o site, em português (de Portugal). As mesmas mensagens
# e atributos que en.ftl. As palavras entre <strong>…</strong> aparecem a negrito; não há outras marcas.

## Every public page

skip-link = Saltar para o conteúdo principal
footer-text = RJ Hub – o sistema de processos do serviço de justiça restaurativa.
# The page's title while its form shows errors.
title-error = Erro: { $title }
exit-this-page = Sair desta página
    .emergency = Emergência
    .hint = Leva de imediato para a página de meteorologia da BBC. No teclado, prima 3 vezes a tecla Shift para sair.
# Read out after each press of the Shift key.
exit-presses-left =
    { $count ->
        [one] Shift. Prima mais { $count } vez para sair.
       *[other] Shift. Prima mais { $count } vezes para sair.
    }
exit-expired = A saída da página foi cancelada.
exit-loading = A carregar.
emergency = Em caso de emergência, ligue 999.
language-switcher = Escolha o idioma
contact-phone = Telefone:
contact-email = E-mail:
contact-failed = Não foi possível carregar agora o nosso número de telefone e endereço de e-mail. Verifique a ligação à internet e volte a carregar a página.
contact-loading = A carregar os nossos contactos…
error-summary-title = Existe um problema
# Before an error message, for screen readers.
error-prefix = Erro:
yes = Sim
no = Não
not-sure = Não sei
continue = Continuar
back = Voltar

## The public home page

home-title = Justiça restaurativa
home-heading = Justiça restaurativa: uma oportunidade para a sua voz ser ouvida
home-lead = A justiça restaurativa junta as pessoas prejudicadas por um crime ou conflito e a pessoa responsável, para que todos os afetados possam ajudar a reparar o mal causado.
home-intro = Pode dar-lhe a oportunidade de dizer à pessoa responsável o impacto que isso teve na sua vida, de fazer as perguntas a que só ela pode responder e de ter uma palavra a dizer sobre o que acontece a seguir. Não tem de se encontrar com ela: podemos transmitir mensagens e cartas por si.
home-who-heading = A quem se destina
home-who-free = É <strong>gratuito</strong>.
home-who-choice = <strong>A decisão é sua em todas as fases</strong>: pode desistir a qualquer momento, sem ter de dar uma razão.
home-who-anyone = Está aberto a <strong>qualquer pessoa</strong>, seja qual for o crime ou a idade da pessoa responsável, e quer tenha sido comunicado à polícia ou não.
home-who-where = Não importa onde vive, qual é a sua nacionalidade nem qual é a sua situação de imigração.
home-who-when = Pode acontecer antes, durante ou depois de um processo em tribunal, mesmo anos mais tarde.
home-who-bereaved = Os familiares de alguém que morreu em consequência de um crime também podem participar.
home-contact-heading = Como entrar em contacto
home-contact-intro = Fale-nos de si e diga-nos como podemos entrar em contacto consigo em segurança. Demora cerca de 10 minutos e só precisa de responder às perguntas que quiser.
home-start = Preencher o formulário
home-or-contact = Ou ligue-nos ou envie-nos um e-mail:
home-referred = Também pode pedir a alguém que já lhe dá apoio que faça o pedido por si: um agente da polícia, o coordenador de apoio do Victims' Hub, ou um técnico do serviço de jovens infratores (youth offending), dos serviços de reinserção (probation) ou da prisão.
home-exit-heading = Sair rapidamente deste site
home-exit-text = Se precisar de sair rapidamente deste site, use o botão «Sair desta página» no topo de cada página. No teclado, também pode premir 3 vezes a tecla Shift. Isto abre a página de meteorologia da BBC e apaga as respostas que deu.
home-next-heading = O que acontece a seguir
home-next-contact = Um coordenador de RJ entra em contacto consigo apenas pelos meios e nos horários que indicar como seguros.
home-next-talk = Conversa consigo sobre o que gostaria e sobre se a justiça restaurativa pode ajudar.
home-next-prepare = Se decidir avançar, um facilitador com formação dá-lhe apoio na preparação. Nada acontece sem a sua vontade.
home-harm = Se foi quem causou o dano e quer reparar o que fez, fale com o técnico do serviço de jovens infratores, dos serviços de reinserção ou da prisão com quem está em contacto: pode fazer o pedido por si.
home-staff = Entrada para profissionais

## The self-referral: its pages (each page's heading, and its title with “– Refer yourself”)

refer-caption = Formulário
# The title of each page of the self-referral.
refer-title = { $page } – Formulário
page-affected = De que forma o crime ou conflito teve impacto em si?
page-what-happened = O que aconteceu
page-person-responsible = Sabe quem foi o responsável?
page-name = Qual é o seu nome?
page-contact = Como podemos entrar em contacto consigo
page-support = Idioma e apoio
page-check = Verifique as respostas antes de enviar o formulário
page-send = Enviar o formulário
page-sent = Formulário enviado
start-again = Recomeçar
start-again-note = (isto apaga as suas respostas)
get-in-touch = Também pode entrar em contacto connosco:

## How you were affected

role-victim = Aconteceu comigo
role-bereaved = Uma pessoa próxima de mim morreu em consequência de um crime
    .hint = Por exemplo, o seu companheiro ou companheira, pai ou mãe, filho ou filha, irmão ou irmã
role-other = Afetou-me de outra forma
    .hint = Por exemplo, como testemunha, vizinho ou familiar
relationship = Qual era a sua relação com essa pessoa?
    .hint = Por exemplo, mãe, companheiro ou filho

## What happened

what-happened-intro = Estas perguntas são opcionais. Responda ao que quiser: também pode falar sobre isto com o coordenador.
lists-failed = Não foi possível carregar algumas das opções. Verifique a ligação à internet e volte a carregar a página.
offence-category = Que tipo de crime ou conflito foi? (opcional)
choose-one = Escolha uma opção
hate-crime = Acho que foi um crime de ódio
    .hint = Por causa da raça, religião, deficiência, orientação sexual ou identidade transgénero de alguém
summary = O que aconteceu? (opcional)
    .hint = Por palavras suas. Algumas linhas chegam.
area = Onde aconteceu? (opcional)
choose-area = Escolha uma zona
area-detail = Em que zona?
    .hint = Por exemplo, Bedford ou Northampton
originating-area = Se mudou de casa desde então, onde vivia nessa altura? (opcional)
reported = Foi comunicado à polícia?
    .hint = Pode usar este serviço em qualquer dos casos
crime-reference = Número de referência da polícia (opcional)
proceedings-stage = Em que fase está o processo? (opcional)

## The person responsible

offender-known-hint = Esta pergunta é opcional. Nunca passamos os seus dados à pessoa responsável.
contact-if-identified = Contactem-me se alguém for identificado
    .hint = Guardamos os seus dados até lá

## Your name

full-name-hint = O seu nome completo, ou o nome que prefere que usemos

## How we may contact you (the safe-contact profile)

contact-intro = Só entraremos em contacto consigo pelos meios e nos horários que nos indicar como seguros.
channels = Como podemos entrar em contacto consigo em segurança?
    .hint = Escolha os meios que são seguros para si. Só usaremos esses. Selecione todos os que se aplicam.
channel-PHONE = Chamada telefónica
channel-TEXT = SMS
channel-EMAIL = E-mail
channel-POST = Carta
email = O seu endereço de e-mail
phone = O seu número de telefone
    .hint = Para números estrangeiros, inclua o indicativo do país
text-uses-phone = Enviaremos SMS para o número de telefone indicado acima.
address = A sua morada
postcode = Código postal
safe-windows = Quando é seguro entrarmos em contacto consigo?
    .hint = Selecione todos os que se aplicam. Se não escolher nenhum, podemos enviar-lhe e-mails a qualquer hora, mas só lhe ligaremos ou enviaremos SMS entre as 8:00 e as 21:00.
window-weekday-mornings = Dias úteis de manhã (das 9:00 às 12:00)
window-weekday-afternoons = Dias úteis à tarde (das 12:00 às 17:00)
window-weekday-evenings = Dias úteis ao fim da tarde (das 17:00 às 20:00)
window-saturdays = Sábados (das 10:00 às 16:00)
safe-times = Mais alguma coisa sobre quando entrar em contacto consigo (opcional)
    .hint = Por exemplo, não à hora de levar as crianças à escola, ou não depois das 18:00
may-leave-message = Podemos deixar uma mensagem? (opcional)
    .hint = No correio de voz, ou com outra pessoa que atenda
say-who-we-are = Se outra pessoa atender o telefone ou vir uma mensagem, podemos dizer que somos do serviço de justiça restaurativa?
    .hint = Se escolher «Não», não diremos quem somos nem porque estamos a contactar.

## Language and support

support-intro = Estas perguntas são opcionais.
language = Que idioma gostaria de usar? (opcional)
choose-language = Escolha um idioma
interpreter = Gostaria de ter um intérprete
accessibility = Há alguma coisa que facilite a sua participação? (opcional)
    .hint = Por exemplo, acesso sem degraus, letra grande ou um intérprete de língua gestual britânica (BSL)

## Check your answers: each row's key, and after “Change”, for screen readers, what it changes

change = Alterar
not-answered = Sem resposta
any-time = Sem horários escolhidos: podemos enviar-lhe e-mails a qualquer hora, mas só lhe ligaremos ou enviaremos SMS entre as 8:00 e as 21:00
answers-affected = O impacto em si
answers-what-happened = O que aconteceu
answers-about-you = Sobre si
row-role = O impacto em si
    .change = o impacto em si
row-relationship = Relação com a pessoa que morreu
    .change = a relação com a pessoa que morreu
row-offence-category = Tipo de crime ou conflito
    .change = o tipo de crime ou conflito
row-hate-crime = Crime de ódio
    .change = se foi um crime de ódio
row-summary = O que aconteceu
    .change = o que aconteceu
row-area = Onde aconteceu
    .change = onde aconteceu
row-originating-area = Onde vivia nessa altura, se mudou de casa
    .change = onde vivia nessa altura
row-reported = Comunicado à polícia
    .change = se foi comunicado à polícia
row-crime-reference = Número de referência da polícia
    .change = o número de referência da polícia
row-proceedings-stage = Fase do processo
    .change = a fase do processo
row-offender-known = Sabe quem foi o responsável
    .change = se sabe quem foi o responsável
row-contact-if-identified = Contacto se alguém for identificado
    .change = se entramos em contacto consigo quando alguém for identificado
row-name = O seu nome
    .change = o seu nome
row-channels = Meios de contacto
    .change = os meios de contacto
row-email = Endereço de e-mail
    .change = o seu endereço de e-mail
row-phone = Número de telefone
    .change = o seu número de telefone
row-address = Morada
    .change = a sua morada
row-postcode = Código postal
    .change = o seu código postal
row-safe-windows = Quando é seguro entrarmos em contacto
    .change = quando é seguro entrarmos em contacto consigo
row-safe-times = Mais sobre quando entrar em contacto
    .change = o que disse sobre quando entrar em contacto consigo
row-may-leave-message = Podemos deixar mensagem
    .change = se podemos deixar mensagem
row-say-who-we-are = Podemos dizer que somos do serviço de justiça restaurativa
    .change = se podemos dizer que somos do serviço de justiça restaurativa
row-language = Idioma
    .change = o idioma que gostaria de usar
row-interpreter = Intérprete
    .change = se gostaria de ter um intérprete
row-accessibility = O que facilitaria a sua participação
    .change = o que facilitaria a sua participação

## Send your referral

send-privacy = Mantemos privado o que nos disser. Só as pessoas que tratam do seu pedido o veem e nunca passamos os seus dados à pessoa responsável.
consent = Aceito que o RJ Hub entre em contacto comigo, pelos meios e nos horários que escolhi
honeypot = Deixe este campo em branco
send = Enviar o formulário
try-again = Tentar novamente
sending = A enviar o formulário…

## The confirmation

sent-reference-is = O seu número de referência é
sent-write-down = Anote o número de referência ou tire uma captura de ecrã.
sent-email = Enviámos um e-mail com o seu número de referência para o endereço que indicou.
sent-next-heading = O que acontece a seguir
sent-next = O coordenador de RJ vai ler o que nos enviou e entrará em contacto consigo, pelos meios e nos horários que escolheu, no prazo de 5 dias úteis. A participação é sempre uma escolha sua e pode desistir a qualquer momento.
sent-danger = Se estiver em perigo agora, ligue 999.
sent-contact-heading = Se precisar de entrar em contacto connosco
sent-quote = Quando entrar em contacto connosco, indique o seu número de referência, <strong>{ $reference }</strong>.
sent-privacy = Para sua segurança, esta página não mostra o que enviou. Se outra pessoa usar este telemóvel ou computador, talvez queira fechar esta página depois de anotar o número de referência.
sent-start = Voltar ao início

## What the form says is wrong, before sending

error-role = Escolha de que forma o crime ou conflito teve impacto em si
error-relationship = Diga qual era a sua relação com a pessoa que morreu
error-area-detail = Diga em que zona, fora do condado
error-full-name = Escreva o seu nome
error-channels = Escolha pelo menos um meio de contacto
error-email = Escreva um endereço de e-mail
error-email-format = Escreva um endereço de e-mail no formato correto, por exemplo nome@example.com
error-phone = Escreva um número de telefone
error-address = Escreva uma morada
error-consent = Assinale a caixa para aceitar que entremos em contacto consigo

## What the server said was wrong, in this language (the server writes English)

server-error-too-long =
    { $max ->
        [one] A resposta é demasiado longa: use no máximo { $max } caráter
       *[other] A resposta é demasiado longa: use no máximo { $max } caracteres
    }
server-error-characters = A resposta tem caracteres que não podemos aceitar. Retire-os e tente novamente
server-error-choose = Escolha uma das opções da lista
server-error-email = Escreva um endereço de e-mail no formato correto, por exemplo nome@example.com
server-error-phone = Escreva um número de telefone, por exemplo 01632 960 001 ou +44 7700 900 982
server-error-address = Escreva uma morada, ou não escolha o contacto por carta
server-error-postcode = Escreva um código postal válido
server-error-consent = Só podemos ajudar se aceitar que entremos em contacto consigo
server-error-check = Verifique a resposta a esta pergunta
server-error-busy = Não conseguimos receber o seu formulário neste momento porque estão a chegar muitos ao mesmo tempo. Tente novamente daqui a uma hora, ou ligue-nos ou envie-nos um e-mail.
server-error-other = Não foi possível enviar o formulário agora. Tente novamente daqui a pouco, ou ligue-nos ou envie-nos um e-mail.
network-failed = O seu formulário não foi enviado: a ligação falhou. As suas respostas continuam aqui. Verifique a rede ou o Wi-Fi e tente novamente.

## The service's lists, where the form offers them (the server's own words in English)

list-areas-outside_county = Fora do condado
list-offenceCategories-violence = Violência contra a pessoa
list-offenceCategories-sexual = Crime sexual
list-offenceCategories-robbery = Roubo (com violência ou ameaça)
list-offenceCategories-burglary = Furto com arrombamento
list-offenceCategories-theft = Furto
list-offenceCategories-vehicle = Crime relacionado com veículos
list-offenceCategories-criminal_damage_arson = Danos materiais ou fogo posto
list-offenceCategories-public_order = Perturbação da ordem pública
list-offenceCategories-fraud = Burla
list-offenceCategories-drugs = Crime relacionado com droga
list-offenceCategories-weapons = Posse de armas
list-offenceCategories-road_death_injury = Crime rodoviário que causou morte ou ferimentos graves
list-offenceCategories-asb_neighbour = Comportamento antissocial / conflito com vizinhos (não é crime)
list-offenceCategories-other = Outro
list-proceedingsStages-not_reported = Não comunicado à polícia
list-proceedingsStages-under_investigation = Comunicado, em investigação
list-proceedingsStages-out_of_court = Resolvido sem ir a tribunal
list-proceedingsStages-awaiting_court = Com acusação, a aguardar julgamento
list-proceedingsStages-community_sentence = Condenação, pena cumprida na comunidade
list-proceedingsStages-custody = Condenação a pena de prisão
list-proceedingsStages-sentence_completed = Depois de cumprida a pena
list-proceedingsStages-not_known = Não se sabe
list-languages-en = Inglês
list-languages-pl = Polaco
list-languages-lt = Lituano
list-languages-lv = Letão
list-languages-ro = Romeno
list-languages-pt = Português
list-languages-ru = Russo
list-languages-bg = Búlgaro
list-languages-ur = Urdu
list-languages-pa = Punjabi
list-languages-bn = Bengali
list-languages-gu = Guzerate
list-languages-ar = Árabe
list-languages-ku = Curdo
list-languages-ti = Tigrínia
list-languages-cmn = Mandarim
list-languages-yue = Cantonês
list-languages-bsl = Língua gestual britânica

## Messages the server sends (e-mail and text). Never a name, an offence, or what the service is.

ack-email-subject = Recebemos o seu formulário ({ $reference })
ack-email-body =
    Obrigado por entrar em contacto connosco.

    O seu número de referência é { $reference }. Entraremos em contacto consigo, pelos meios e nos horários que escolheu, no prazo de 5 dias úteis.

    Se quiser falar connosco: ligue { $phone } ({ $hours }) ou envie um e-mail para { $email }. Indique o seu número de referência.

    Se estiver em perigo agora, ligue 999.
ack-text = Recebemos o seu formulário. O seu número de referência é { $reference }. Entraremos em contacto consigo no prazo de 5 dias úteis. Para falar connosco, ligue { $phone }.
appointment-email-subject = Marcação: { $when } ({ $reference })
appointment-email-subject-updated = Marcação alterada: { $when } ({ $reference })
appointment-email-subject-cancelled = Marcação cancelada: { $when } ({ $reference })
appointment-email-body =
    Tem uma marcação: { $when } (hora do Reino Unido).
    Local: { $place }

    O convite para o seu calendário vai em anexo. Se não puder vir, ou se precisar de alguma coisa que lhe facilite a vinda, ligue { $phone } e indique { $reference }.
appointment-email-body-cancelled =
    A sua marcação ({ $when }) foi cancelada. Entraremos em contacto consigo sobre os próximos passos.

    Para falar connosco, ligue { $phone } e indique { $reference }.
appointment-text = Tem uma marcação: { $when }. Referência { $reference }. Se não puder vir, ligue { $phone }.
appointment-text-updated = A sua marcação mudou para { $when }. Referência { $reference }. Se não puder vir, ligue { $phone }.
appointment-text-cancelled = A sua marcação ({ $when }) foi cancelada. Referência { $reference }. Para falar connosco, ligue { $phone }.
language-name = Português

## Letters the server writes, for people reached only by post. A letter is read by the person it
## is addressed to, but others at home may open it: the envelope side names nobody and nothing.

letter-private = Privado e confidencial: apenas para o destinatário
letter-reference = A nossa referência: { $reference }
letter-dear = Caro(a) { $name },
letter-sign-off = Com os melhores cumprimentos,
letter-team = A equipa de justiça restaurativa
letter-team-discreet = A equipa Hub
letter-contact = Para falar connosco, ligue { $phone } ({ $hours }) ou envie um e-mail para { $email } e indique a referência { $reference }. Se precisar desta carta noutra língua, em letra grande ou lida em voz alta, diga-nos.
letter-ack-title = Recebemos o seu formulário
letter-ack-body =
    Obrigado por entrar em contacto connosco.

    Entraremos em contacto consigo, pelos meios e nos horários que escolheu, no prazo de 5 dias úteis.

    Se estiver em perigo agora, ligue 999.
letter-info-title = Justiça restaurativa: informação para si
letter-info-body =
    A justiça restaurativa dá às pessoas prejudicadas por um crime a oportunidade de comunicar com a pessoa responsável: explicar como foram afetadas, fazer as perguntas a que só essa pessoa pode responder e ter uma palavra a dizer sobre o que acontece a seguir.

    É gratuita, e a escolha é sua em todas as fases. Pode parar a qualquer momento, sem ter de dar uma razão. Não tem de se encontrar com ninguém: podemos transmitir mensagens e cartas em seu nome.

    Primeiro, um facilitador com formação falará de tudo isto consigo, e só avançará se for seguro para si.
letter-appointment-title = A sua marcação
letter-appointment-body =
    Tem uma marcação: { $when } (hora do Reino Unido).

    Local: { $place }
letter-appointment-access = Como chegar e como entrar: { $access }
letter-appointment-help = Se não puder vir, ou se precisar de alguma coisa que lhe facilite a vinda, diga-nos, por favor.
letter-appointment-cancelled-title = A sua marcação foi cancelada
letter-appointment-cancelled-body = A sua marcação ({ $when }) foi cancelada. Entraremos em contacto consigo sobre os próximos passos.
letter-agreement-title = Uma cópia do seu acordo
letter-agreement-intro = Esta é uma cópia do que foi acordado. Iremos falar consigo para saber como está a correr.
letter-agreement-item = { $what } (até { $due })
letter-agreement-item-undated = { $what }
