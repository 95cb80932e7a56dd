/**
 * The patterns the safety detector looks for, over text already normalised by
 * normaliseForSafety (lower case, contractions expanded, text-speak spelt out, typos of
 * danger words mended). Each rule says whether talk of the past can defuse it: "he hit me
 * two years ago" is history, but "she hasn't come home since yesterday" is happening now.
 */
export type DangerKind = 'suicide' | 'self-harm' | 'violence' | 'threat' | 'medical' | 'missing-child' | 'carer-unable';

export interface SafetyRule {
  kind: DangerKind;
  pattern: RegExp;
  /** Past-time words in the same sentence ("last year", "when I was 19") cancel this rule. */
  defusedByPast: boolean;
  /** The rule is about a person taking a child, which is no crisis when it is the council or a court. */
  notWhenAuthority?: boolean;
}

const ME = '(?:me|myself|meself)';
const FAMILY = '(?:baby|babies|kid|kids|child|children|son|daughter|boy|girl|toddler|little one|sister|brother|grandson|granddaughter|grandchild|niece|nephew|partner|mum|mam|dad|wife|husband|family|twins)';
const CHILD = '(?:baby|babies|kid|kids|child|children|son|daughter|boy|girl|toddler|little one|sister|brother|grandson|granddaughter|grandchild|niece|nephew|twins|lad|lass)';
const WHOSE = '(?:my|me|our|the|his|her|their|your)';
const MYSELF = '(?:myself|meself|my self)';
const A_CHILD = `(?:${WHOSE} (?:\\d+ year old(?: ${CHILD}s?)?|(?:\\w+ )?${CHILD}s?)|\\d+ year olds?|they are \\d+(?:,? (?:and )?\\d+)*)`;
const PERSON = `(?:${ME}|us|him|her|them|${WHOSE} (?:\\d+ year old(?: ${FAMILY}s?)?|(?:\\w+ )?${FAMILY}s?))`;
const VIOLENT_ING = '(?:hitting|hittin|beating|beatin|punching|punchin|kicking|kickin|hurting|hurtin|strangling|choking|chokin|attacking|stabbing|slapping|slappin|shaking|battering|smacking|throwing|dragging|burning|bashing|headbutting|biting|pinning|throttling|suffocating|smothering)';
const VIOLENT_PAST = '(?:hit|punched|kicked|grabbed|stabbed|slapped|shook|thrown|threw|dragged|attacked|strangled|choked|pushed|shoved|burned|burnt|beaten|battered|headbutted|bitten|locked|cut)';
const HARM_VERB = '(?:kill|hurt|stab|beat|batter|murder|strangle|hit|harm|shoot|smash|do|snatch|grab|kidnap|burn)';
const PILLS = '(?:pills|tablets|paracetamol|meds|medication|medicine|painkillers|pain killers|antidepressants|sleeping tablets|sleeping pills)';

const rule = (kind: DangerKind, source: string, defusedByPast = true): SafetyRule => ({ kind, pattern: new RegExp(source), defusedByPast });
const takingRule = (source: string): SafetyRule => ({ ...rule('missing-child', source), notWhenAuthority: true });

export const SAFETY_RULES: readonly SafetyRule[] = [
  // Suicide: intent, plans, methods, and the indirect ways people say it.
  rule('suicide', `\\b(?:kill|killing|hang|hanging|top|topping|off|offing) ${MYSELF}\\b`),
  rule('suicide', '\\b(?:end|ending|take|taking) (?:my|me) (?:own )?life\\b'),
  rule('suicide', '\\bend(?:ing)? (?:it all|it tonight|everything|things)\\b'),
  rule('suicide', '\\bsuicid(?:e|al)\\b'),
  rule('suicide', '\\b(?:want|wanna|going|ready|deserve) to die\\b'),
  rule('suicide', '\\bwish (?:i|id) (?:was|were|could be) dead\\b'),
  rule('suicide', '\\bbetter off (?:dead|without me|if i was gone|if i were gone)\\b'),
  rule('suicide', '\\b(?:do not|dont) want to (?:be here|live|be alive|wake up|exist|(?:carry|go) on(?! (?:my|your|our|his|her|their) own| with| to| at| holiday))\\b'),
  rule('suicide', '\\bno (?:reason|point) (?:to|in) (?:live|living|going on|being here|carrying on)\\b'),
  rule('suicide', '\\b(?:cannot|can not) (?:go on|carry on|do (?:this|it) any ?more|take (?:it|this) any ?more)\\b'),
  rule('suicide', '\\b(?:jump|jumping|throw myself|step|stepping|walk|walking) (?:off|in front of|from|under)\\b.{0,30}\\b(?:bridge|train|car|lorry|bus|roof|building|cliff|balcony|window|motorway|road|multi storey|multi-storey|car park|tower|flats)'),
  rule('suicide', '\\b(?:no one|nobody|no1) (?:would|will) (?:care|notice|miss me|be bothered)\\b.{0,20}\\b(?:gone|dead|died|not here)'),
  rule('suicide', '\\b(?:got|have|made|making) a plan\\b.{0,30}\\b(?:do it|end it|kill|die|gone)'),
  rule('suicide', '\\boverdos(?:e|ed|ing)\\b'),
  rule('suicide', '\\b(?:going to|gonna|want to|will|about to) end it\\b(?! with)'),
  rule('suicide', '\\b(?:doing|do) it (?:tonight|today|now|right now)\\b'),
  rule('suicide', '\\bnever wake up\\b'),
  rule('suicide', `\\b(?:saving|saved|stockpiling|hoarding) (?:up )?(?:my |all my |the )?${PILLS}`),
  rule('suicide', '\\b(?:got|have|bought) (?:the|a) (?:rope|noose)\\b|\\brope (?:ready|tied)\\b'),
  rule('suicide', '\\bno point (?:any ?more|in anything|in living|in going on|in me being here)\\b'),
  rule('suicide', '\\b(?:sat|sitting|stood|standing|am) (?:on|at) (?:the |a )?(?:top of |edge of )?(?:the |a )?(?:bridge|roof|ledge|cliff|edge|car park|multi ?storey|railway|tracks|platform edge)\\b'),
  rule('suicide', '\\bthrow (?:myself|herself|himself|themselves)\\b'),
  rule('suicide', '\\b(?:said|says|texted|messaged|sent|saying|texting) (?:me )?(?:goodbye|bye forever|a goodbye)\\b'),
  rule('suicide', '\\b(?:kill|killing|hang|hanging|hurt) (?:herself|himself|themselves)\\b'),
  rule('suicide', '\\b(?:walk|walking|wade|wading|go|going|jump|jumping) into the (?:sea|river|water|canal|lake|reservoir|traffic)\\b'),
  rule('suicide', '\\b(?:done|did|do) something (?:stupid|silly|daft)\\b'),
  rule('suicide', '\\b(?:took|taken|swallowed|had) (?:the|a|all the) (?:whole|full|entire) (?:box|packet|pack|bottle|lot|strip)\\b'),
  rule('suicide', '\\b(?:my )?last message\\b|\\b(?:goodbye|bye) (?:everyone|forever|all|for good)\\b|\\bsorry (?:to|for) (?:everyone|everything)\\b|\\bthis is goodbye\\b|\\bwill not be (?:here|around) (?:tomorrow|much longer|any ?more)\\b'),
  rule('suicide', '\\b(?:cannot|can not) cope (?:no|any) ?more\\b.{0,40}\\b(?:end|die|top|kill|gone|over)\\b'),
  rule('suicide', '\\b(?:drive|driving|crash|crashing) (?:into|off) (?:a|the) (?:wall|tree|bridge|cliff|lorry|river)\\b'),
  rule('suicide', '\\btell (?:my|the) (?:kids|children|family|son|daughter|boys|girls|mum|mam|baby) (?:that )?i love (?:them|him|her)\\b'),
  rule('suicide', `\\b(?:swallowed|taken|took|had|necked|downed) .{0,40}${PILLS}`),
  rule('suicide', `\\b(?:take|taking|swallow) (?:all|the lot|a load|loads|a whole|every)\\b.{0,20}${PILLS}`),
  // Self-harm said in the first person, happening now or ongoing.
  rule('self-harm', `\\b(?:cutting|cut|burning|burnt|burned|hurting|harming|scratching|hitting|starving) ${ME}\\b`),
  rule('self-harm', '\\bi (?:am|have been|keep|cannot stop|will) (?:self )?harming\\b'),
  rule('self-harm', '\\bi (?:am|have been|keep|will) self harm'),
  rule('self-harm', '\\bi (?:keep|have been|am|cannot stop|been) (?:cutting|burning|scratching|hurting)\\b'),
  rule('self-harm', '\\bcut (?:too|really|very|so) deep\\b'),
  rule('self-harm', '\\b(?:cutting|burning|hurting|harming|scratching) (?:herself|himself|themselves|(?:her|his|their|my) (?:arms?|legs?|wrists?|skin))\\b'),
  // Violence happening now, or just now, to the writer or a child.
  rule('violence', `(?<!\\b(?:keeps|keep|kept|always|often|sometimes|was|were|stop|stopped|about|of|from) )\\b${VIOLENT_ING} ${PERSON}\\b`),
  rule('violence', `\\b(?:has|have|is|just|has just|have just|is just|has already|have already|already) ${VIOLENT_PAST} ${PERSON}\\b`),
  rule('violence', `\\b(?:grabbed|dragging|dragged|pulling|pulled) ${PERSON}.{0,20}\\bby (?:the|her|his|my) (?:hair|neck|throat|arm)`),
  rule('violence', '\\b(?:smashing|smashed|trashing|wrecking|breaking) (?:up )?(?:the|my|our) (?:house|flat|home|place|room|windows?|doors?)\\b'),
  rule('violence', '\\b(?:kicking|banging|bashing|smashing|booting) (?:the |my |our )?(?:\\w+ )?(?:door|doors|window|windows) (?:in|down)\\b'),
  rule('violence', '\\b(?:it is|its|this is|that is) (?:happening|going on) (?:right )?now\\b'),
  rule('violence', `\\b(?:holding|pressing|putting|pushing) (?:his|her|their|the baby|${WHOSE} \\w+) (?:hands?|arms?|face|head)\\b.{0,20}\\b(?:on|in|under|against) (?:the )?(?:cooker|hob|fire|heater|iron|kettle|water|bath|wall)\\b`),
  rule('violence', '\\b(?:has|got|is holding|is waving|pulled) (?:a |out a )?(?:knife|gun|blade|weapon|machete)\\b'),
  rule('violence', `\\b(?:locked|trapped|shut) ${PERSON} (?:in|out|inside|outside)\\b`),
  rule('medical', `\\b(?:${FAMILY}s?|\\d+ year olds?|he|she|they)\\b.{0,20}\\b(?:is|are|got|been) (?:locked|trapped|stuck|shut) in (?:the|a|his|her) (?:car|van|room|cupboard|shed|bathroom|boot|fridge)\\b`),
  rule('violence', `\\bhe is (?:on|going for) (?:me|us|${WHOSE} ${FAMILY})\\b`),
  rule('violence', '\\bhands? (?:round|around|on) (?:my|her|his|their|the|me)(?: \\w+){0,2} (?:neck|throat)\\b'),
  rule('violence', '\\b(?:got|has|grabbed|holding|pinned) (?:\\w+ ){1,3}by the (?:hair|neck|throat|collar|arms?|legs?|wrists?)\\b'),
  rule('violence', `\\b(?:holding|dangling|hanging) ${PERSON} (?:over|out of|off) (?:the |a )?(?:balcony|window|edge|bridge|stairs|railing)`),
  rule('violence', '\\bwith a (?:knife|gun|weapon|blade|machete|bat|hammer)\\b'),
  rule('violence', '\\b(?:i am|we are|i do not feel|we do not feel|the kids are|the children are|the baby is|my kids are) (?:not safe|in danger)\\b'),
  rule('threat', '\\b(?:burn|set fire to|torch) (?:the|my|our) (?:house|flat|home|place)\\b'),
  rule('threat', '\\bwhen (?:he|she|they) (?:gets|get|comes|come) (?:in|home|back|round)\\b.{0,60}\\b(?:hurt|hit|kill|worse|beat|batter|bruises)|\\b(?:hurt|hit|kill|worse|beat|batter|bruises)\\b.{0,60}\\bwhen (?:he|she|they) (?:gets|get|comes|come) (?:in|home|back|round)\\b'),
  // Threats that may be carried out soon.
  rule('threat', `\\b(?:will|going to|gonna|is going to|are going to|would|threatening to|threatened to|says he will|says she will|swears he will) (?:come and |come round and |come back and )?${HARM_VERB} ${PERSON}\\b(?! if (?:she|he|they) find)(?! in)`),
  rule('threat', `\\b(?:scared|afraid|frightened|terrified|worried)\\b.{0,30}\\b(?:will|going to|gonna) (?:hurt|hit|kill|beat|batter|harm|shake) ${PERSON}`),
  rule('threat', '\\b(?:i am|im|i) (?:going to|gonna|scared i will|afraid i will|might|feel like) (?:hurt|hit|shake|harm|smother|kill) (?:him|her|them|the baby|my baby|my (?:son|daughter|kids?|child))\\b'),
  rule('threat', '\\b(?:scared|afraid|worried|frightened|terrified) (?:that )?i (?:will|might|could|am going to) (?:do it again|lose it|snap|hurt (?:him|her|them|the baby)|hit (?:him|her|them)|shake (?:him|her|them|the baby))'),
  rule('threat', '\\b(?:scared|afraid|frightened|terrified) of (?:myself|what i (?:might|will|could) do)\\b'),
  rule('threat', '\\b(?:pillow|hand|hands|cushion|bag) over (?:his|her|their|the baby) (?:face|mouth|head)\\b'),
  rule('threat', '\\bvoices?\\b.{0,30}\\b(?:telling|tell|told|want|wants) me to (?:hurt|kill|harm|hit|drown|stab)\\b'),
  rule('threat', '\\b(?:coming|come|comes|on (?:his|her|their) way)\\b.{0,40}\\bto (?:do (?:me|us|him|her) in|kill|hurt|batter|beat up|stab|sort (?:me|us) out)\\b'),
  rule('threat', '\\b(?:never|not) (?:see|seeing) (?:her|him|them|the kids|the children|the baby|my \\w+) again\\b'),
  // Medical emergencies.
  rule('medical', '\\b(?:stopped|not|is not|cannot|can not|struggling to|trouble|stop) breath(?:e|ing)\\b', false),
  rule('medical', '\\b(?:will not|wont|cannot|can not|does not|not) (?:wake|waking)(?: up)?\\b', false),
  rule('medical', '\\b(?:unconscious|unresponsive|not responding|passed out|collapsed|floppy)\\b'),
  rule('medical', '\\b(?:rash|spots|marks)\\b.{0,40}\\b(?:not|does not|will not|wont|dont|doesnt) (?:fade|go away when)', false),
  rule('medical', '\\b(?:fitting|having a fit|seizure|convulsing)\\b'),
  rule('medical', '\\b(?:turning|gone|going|lips are|lips have gone) (?:blue|grey)\\b'),
  rule('medical', '\\b(?:bad|serious|terrible|nasty|big|awful) (?:burns?|scalds?|head injury|cuts?)\\b'),
  rule('medical', '\\bbadly (?:burnt|burned|scalded|hurt|injured|cut)\\b'),
  rule('medical', '\\b(?:bleeding|blood)\\b.{0,25}\\b(?:a lot|lots|loads|heavily|everywhere|will not stop|wont stop|not stopping)'),
  rule('medical', `\\b(?:swallowed|drunk|drank|ate|eaten|eat|drink)\\b.{0,25}\\b(?:bleach|battery|batteries|washing tablet|washing pod|detergent|cleaning stuff|magnets?|${PILLS})`),
  rule('medical', '\\b(?:choking|chocking)\\b'),
  rule('medical', '\\bchest (?:is )?(?:hurting|pains?|tight|crushing)\\b|\\bchest pains?\\b|\\b(?:arm|face|leg|side) (?:has )?(?:gone|going|is) numb\\b'),
  rule('medical', '\\b(?:having|had|having an|is having) (?:a )?(?:stroke|heart attack|asthma attack|allergic reaction|anaphylactic)\\b|\\banaphylaxis\\b'),
  rule('medical', '\\binhaler (?:is )?(?:not|is not) (?:working|helping|doing)'),
  rule('medical', '\\b(?:knocked (?:over|down)|run over|hit) by a (?:car|bus|van|lorry|bike|train)\\b'),
  rule('medical', '\\b(?:cannot|can not) (?:get up|move|feel (?:my|her|his) (?:arm|leg|face))\\b'),
  rule('medical', '\\bblood (?:on|from|coming from|pouring from) (?:his|her|my|their|the baby) (?:head|face|mouth|ears?|nose)\\b'),
  rule('medical', '\\bhead\\b.{0,40}\\b(?:being sick|keeps being sick|vomiting|really sleepy|drowsy|confused|will not stop crying)\\b'),
  rule('medical', '\\b(?:spiked|not making sense|not moving|is not moving|stopped moving)\\b'),
  rule('medical', '\\b(?:gone|is|really|very|so) (?:sleepy|drowsy|floppy|limp|grey|cold and clammy)\\b'),
  rule('medical', `\\b(?:cannot|can not) (?:wake|rouse) (?:${PERSON}|my \\w+|him|her|them)\\b`, false),
  rule('medical', `\\b(?:${FAMILY}s?|\\d+ year olds?|he|she)\\b.{0,30}\\b(?:drunk|drank|swallowed|ate|eaten|taken|took|had) some (?:of )?(?:my|the|her|his|their|mum|dad)\\b`),
  rule('medical', '\\b(?:she|he|they) (?:took|has taken|have taken|had|has had) (?:something|some pills|some tablets|drugs)\\b'),
  rule('medical', `\\b(?:found|got into|got hold of|eaten|ate|swallowed) (?:my|the|her|his|some of my|some of the) (?:${PILLS}|bleach|tablets)`),
  rule('medical', '\\b(?:stop|stopping) (?:the )?bleeding\\b'),
  rule('medical', '\\b(?:will not|wont|refuses to|not) take (?:him|her|them|the baby|the child) to (?:hospital|a and e|the doctor)'),
  // A child missing or taken now.
  rule('missing-child', '\\b(?:cannot|can not) find (?:him|her|them|my|our|the|me)\\b'),
  rule('missing-child', `\\b(?:${A_CHILD})\\s+(?:has |have |had |just )?(?:wandered|run|ran|slipped|got|gone) (?:off|away|out)\\b`),
  rule('missing-child', '\\b(?:he|she|they) (?:has |have |had |just )?(?:wandered|run|ran) (?:off|away)\\b'),
  rule('missing-child', '\\b(?:never arrived|did not arrive|not arrived|has not arrived)\\b.{0,40}\\b(?:school|nursery|home|college|club)\\b|\\b(?:school|nursery|college)\\b.{0,40}\\b(?:never arrived|did not arrive|not arrived)\\b', false),
  rule('missing-child', '\\b(?:no one|nobody|no1) (?:has|have)? ?(?:seen|heard from) (?:him|her|them)\\b', false),
  rule('missing-child', '\\b(?:cannot|can not) see (?:him|her|them|my \\w+|the \\w+) anywhere\\b', false),
  rule('missing-child', '\\b(?:has been|been|was|got) (?:took|taken|snatched|grabbed) from (?:school|nursery|home|the park|the house|outside|my house|the street)\\b'),
  rule('missing-child', `\\b(?:trying to get|tried to get|get|got|pulled|dragged|lure|luring) ${PERSON}\\b.{0,15}\\b(?:into|in) (?:his|her|their|a|the) (?:car|van)\\b`),
  rule('missing-child', '\\b(?:gone|went|is|has gone|has been|been|are|have gone) missing\\b'),
  rule('missing-child', '\\b(?:has not|have not|hasnt|havent|did not|didnt|never|not) (?:come|came|been|got) (?:back|home)\\b', false),
  rule('missing-child', '\\b(?:snatched|abducted|kidnapped)\\b'),
  rule('missing-child', '\\b(?:do not|does not|did not|dont|doesnt) know where (?:he|she|they|my|our|the \\w+|i|we) (?:is|are|am|has gone|have gone|went)\\b', false),
  rule('missing-child', '\\bwith (?:some |an |a |two |these )?(?:older|old|grown|strange) (?:man|men|lads?|guys?|blokes?|boys?)\\b'),
  rule('missing-child', `\\b(?:driving|driven|drove|ran|running|gone|going|walked|walking|took) off with ${PERSON}`),
  rule('missing-child', '\\b(?:will not|wont|not going to|refuses to|refusing to|not|is not|never) (?:bring|bringing|give|giving|send|sending) (?:them|him|her|the kids|the children|the baby|my \\w+|our \\w+) back\\b'),
  rule('missing-child', '\\bnot in (?:his|her|their) (?:bed|room|cot)\\b'),
  rule('missing-child', '\\b(?:car|van) with (?:a man|a woman|someone|a stranger|strangers|an older|some)\\b'),
  rule('missing-child', `\\blost ${PERSON}\\b.{0,30}\\b(?:park|beach|shop|shops|shopping|supermarket|centre|fair|festival|town|zoo|crowd|station|market)\\b`),
  rule('missing-child', `\\blooking for ${PERSON}\\b.{0,20}\\b(?:everywhere|for \\d+|for ages|for hours|and cannot)`),
  takingRule(`\\b(?:trying to|is trying to|going to|about to|has|just) (?:take|took|taken|snatch|snatched|grab|grabbed) ${PERSON}\\b.{0,40}\\b(?:not allowed|no right|will not give|wont give|from my house|from school|from nursery|from the park|abroad|airport)`),
  // A carer who cannot look after young children right now.
  rule('carer-unable', '\\b(?:too much to drink|drunk|wasted|off my head|out of it|smashed|high|taken something)\\b.{0,60}\\b(?:on my own|alone|by myself|just me)\\b'),
  rule('carer-unable', '\\b(?:going to|gonna|about to|might) (?:pass out|collapse|faint|black out)\\b'),
  rule('carer-unable', `\\b(?:left|leaving) ${PERSON} (?:alone|on (?:their|his|her) own|by (?:them|him|her)sel(?:f|ves)|in the (?:flat|house|car|home))\\b`),
  rule('carer-unable', `\\b(?:cannot|can not|not able to|unable to) (?:look after|cope with|care for|keep) ${PERSON} (?:safe )?(?:right now|tonight|today|any ?more)\\b`),
  rule('carer-unable', `\\b${A_CHILD}\\b.{0,40}\\b(?:at home|in the (?:house|flat|car)|here|left)\\b.{0,20}\\b(?:with nobody|with no one|on (?:their|his|her) own|by (?:themselves|himself|herself)|no one else|nobody else|alone)\\b|\\b${A_CHILD}\\b.{0,40}\\b(?:with nobody|with no one|on (?:their|his|her) own|by (?:themselves|himself|herself)|no one else|nobody else|alone)\\b.{0,20}\\b(?:at home|in the (?:house|flat|car)|here)\\b`),
  rule('carer-unable', `\\b(?:with nobody|with no one|nobody else|no one else|alone)\\b.{0,60}\\b${A_CHILD}\\b.{0,30}\\b(?:crying|screaming|here|home|with me)\\b`),
  rule('carer-unable', `\\b${A_CHILD}\\b.{0,40}\\b(?:there is|there's|i have got|i have|with) (?:no one|nobody) else\\b`),
  rule('carer-unable', '\\b(?:walking out|walk out|leaving|abandoning|dumping) (?:on )?(?:them|the kids|the children|the baby|my kids|my baby|my children|him|her)\\b.{0,30}\\b(?:here|alone|behind|tonight|now|at the|on their own)\\b'),
  rule('carer-unable', '\\b(?:so|that|too) (?:drunk|high|wasted|out of it)\\b.{0,30}\\b(?:cannot|can not|baby|kids|children)\\b'),
];

/** Legal terms and idioms that use danger words without danger. Removed before the rules run. */
export const HARMLESS_PHRASES: readonly RegExp[] = [
  /\bemergency protection orders?\b/g,
  /\bpolice protection\b/g,
  /\bchild protection \w+/g,
  /\b(?:significant|serious|emotional) harm\b/g,
  /\bat risk\b/g,
  /\bdying (?:for|to)\b/g,
  /\b(?:could|would) kill for\b/g,
  /\b(?:is|are|was) killing me\b/g,
  /\b(?:kill|murder|strangle) (?:me|us) (?:if|when) (?:i am late|i|we|she|he|they|you) ?(?:am late|are late|finds? out|sees?|knows?|hears?|fail|failed|forget|break|lose)\b/g,
  /\b(?:questions?|asking|asked|ask|leaflet|talk|talked|talking) (?:me |us )?(?:about|on) (?:suicide|self harm|self-harm|suicidal thoughts)\b/g,
  /\bwould kill me\b/g,
  /\b(?:this|that|the|it|work|meeting|wait|waiting|stress|worry|court|conference|case|job|hearing|paperwork)(?: \w+)? (?:is|are|will be)? ?(?:going to|gonna|will|is|are|will be) (?:kill|killing|be the death of) (?:me|us)\b/g,
  /\bbored to death\b/g,
  /\bscared to death\b/g,
  /\bworried sick\b/g,
];

/** Talk of the past: a defusable rule in the same sentence does not fire. */
export const PAST_TIME = /\b(?:last (?:week|month|year|summer|winter|spring|autumn|christmas|time)|(?:years?|months?|weeks?) ago|when (?:i|he|she|they|we) (?:was|were)|used to|in the past|history of|back in|previously|(?:19|20)\d\d|as a (?:child|kid|teenager|teen)|(?:was|were) in an? \w+ relationship|had been|for years|before (?:he|she|they) left|got help|getting help|is getting help|has support|had support|(?:had|felt|was|were) (?:suicidal|thoughts of)|after (?:my|the|our) (?:baby|son|daughter|child) was born)\b/;

/** Signs the danger has passed and help is in place: these cancel defusable rules even with "now". */
export const RECOVERED = /\b(?:found (?:him|her|them)|we found|turned up safe|came back safe|back home safe|is safe now|are safe now|in recovery|recovered|much better|better now|is better|am better|getting help|got help|is getting support|perinatal team helped|helped me|have support|has support)\b/;

/** Present-time words that keep a rule alive even when the past is also mentioned. */
export const PRESENT_TIME = /\b(?:right now|now|at the moment|currently|tonight|today|this (?:morning|afternoon|evening)|again|just|still)\b/;

/** Questions about what might happen, not reports of what is happening. */
export const HYPOTHETICAL = /\b(?:what (?:happens|would happen) (?:if|when)|what if|if (?:a|my|the|your) (?:child|baby|kid|son|daughter) (?:goes|went|is|were)|can (?:they|social services|the council|the social)|will (?:they|social services|the council|the social)|do (?:i|we) have to tell|does (?:it|that) (?:mean|count)|(?:could|can|would|will) (?:i|we|they) (?:be|get) (?:arrested|in trouble|prosecuted|charged)|is it (?:illegal|legal|against the law|allowed|ok|okay)|am i allowed)\b/;
