/** Static pages of the demo site: About (English and Arabic), corrections policy, ethics and contact. */
import type { DemoStaticPage } from '../demo-types.ts';
import { doc, h, p, ul } from './body.ts';

/** The five static pages the footer and the article page link to. */
export const PAGES: DemoStaticPage[] = [
  {
    slug: 'about', language: 'en', title: 'About The Tamarisk',
    body: doc([
      h('Who we are'),
      p('The Tamarisk is an independent, reader-supported digital newsroom covering the Middle East and North Africa. We publish in English, Arabic and French, with correspondents and contributors from Tunis to Tehran.'),
      p('The tamarisk is a hardy tree that grows from the Atlantic coast of Morocco to the plains of Iran, in salt, sand and drought. We took its name because we want to do the same: put down roots in difficult ground, and stay.'),
      h('What we cover'),
      ul(
        'Water, energy and climate — the resources that will shape the region’s future.',
        'Economies and livelihoods, from the price of bread to the cost of shipping.',
        'Elections, governance and press freedom.',
        'Refugees and the communities that host them.',
        'Books, film, music and heritage.',
      ),
      h('How we are funded'),
      p('We are funded by our readers, by foundations that have no say in our editorial decisions, and by the fees other outlets pay to republish our work. Sponsored content is always labelled as such and is produced without the involvement of our newsroom.'),
      h('Our standards'),
      p('Read our [editorial standards](/ethics) and our [corrections policy](/corrections-policy), or [get in touch](/contact).'),
    ]),
  },
  {
    slug: 'corrections-policy', language: 'en', title: 'Corrections policy',
    body: doc([
      p('We work hard to get things right. When we get something wrong, we say so — clearly, promptly and in the article itself.'),
      h('How we correct'),
      ul(
        '**Corrections** fix factual errors: a wrong name, number, date or quotation. The correction is noted at the end of the article, with the time it was made.',
        '**Clarifications** add context or rephrase something that was accurate but could mislead.',
        '**Updates** add new information as a story develops, such as a response from someone named in it.',
      ),
      p('We never silently change the substance of a published article. Fixes to spelling, grammar or formatting are made without a note.'),
      h('Translations'),
      p('When we correct an article that has been translated, we correct every language version and add the same note to each.'),
      h('Agency copy'),
      p('Some stories include material from news agencies. When an agency corrects a story we have used, we update ours and say so.'),
      h('How to report an error'),
      p('Write to corrections@tamarisk.example with a link to the article and a description of the error. An editor reads every message and replies within two working days.'),
    ]),
  },
  {
    slug: 'ethics', language: 'en', title: 'Editorial standards',
    body: doc([
      p('These are the standards our journalists and contributors follow. They apply to everything we publish, in every language.'),
      h('Accuracy and fairness'),
      ul(
        'We verify before we publish, and we say what we do not know.',
        'We give people and organisations we criticise a fair chance to respond.',
        'We distinguish clearly between news, analysis, opinion and sponsored content.',
      ),
      h('Independence'),
      p('Our journalists do not accept gifts, paid travel or payment from the people and organisations they cover. Funders and advertisers have no say in what we report. Sponsored content is labelled and produced separately from the newsroom.'),
      h('Sources'),
      p('We name our sources whenever we can. We grant anonymity only when a source faces a real risk, and we tell readers why. We never pay for information.'),
      h('Safety and harm'),
      p('We weigh the public interest of a story against the harm it may cause, especially to people in vulnerable situations such as refugees, detainees and children. We do not identify survivors of sexual violence without their consent.'),
      h('Images'),
      p('We do not alter news photographs beyond standard adjustments to exposure and colour. Illustrations are labelled as such. Agency photographs are credited, and we do not pass them on to other outlets.'),
    ]),
  },
  {
    slug: 'contact', language: 'en', title: 'Contact us',
    body: doc([
      p('We read everything our readers send us.'),
      ul(
        '**News tips:** tips@tamarisk.example. For sensitive information, ask us for a secure channel first.',
        '**Corrections:** corrections@tamarisk.example',
        '**Republishing and licensing:** syndication@tamarisk.example',
        '**Newsletters and accounts:** readers@tamarisk.example',
        '**Everything else:** hello@tamarisk.example',
      ),
      h('Where we work'),
      p('We have bureaus in Amman and Beirut, and correspondents in Aden, Cairo, Erbil, Istanbul, Paris, Riyadh and Tunis. For the safety of our staff, we do not publish the street addresses of our bureaus.'),
    ]),
  },
  {
    slug: 'about', language: 'ar', title: 'من نحن',
    body: doc([
      h('من نحن'),
      p('«الطرفاء» غرفة أخبار رقمية مستقلة يدعمها قرّاؤها، تغطي الشرق الأوسط وشمال أفريقيا وتنشر باللغات العربية والإنجليزية والفرنسية، بمراسلين ومساهمين من تونس إلى طهران.'),
      p('الطرفاء شجرة صلبة تنمو من ساحل المغرب الأطلسي حتى سهول إيران، في الملح والرمل والجفاف. اخترنا اسمها لأننا نريد أن نفعل مثلها: أن نضرب جذورنا في أرض صعبة، وأن نبقى.'),
      h('ماذا نغطي؟'),
      ul(
        'المياه والطاقة والمناخ، أي الموارد التي سترسم مستقبل المنطقة.',
        'الاقتصاد وسبل العيش، من سعر الخبز إلى كلفة الشحن.',
        'الانتخابات والحكم وحرية الصحافة.',
        'اللاجئون والمجتمعات التي تستضيفهم.',
        'الكتب والسينما والموسيقى والتراث.',
      ),
      h('كيف نموّل عملنا؟'),
      p('يموّلنا قرّاؤنا، ومؤسسات لا تتدخل في قراراتنا التحريرية، ورسوم إعادة النشر التي تدفعها مؤسسات إعلامية أخرى لاستخدام موادنا. ويُشار دائماً إلى المحتوى المموّل بوضوح، ويُنتَج من دون مشاركة غرفة الأخبار.'),
      h('معاييرنا'),
      p('اطّلع على [معاييرنا التحريرية](/ethics) و[سياسة التصحيح](/corrections-policy) لدينا، أو [تواصل معنا](/contact).'),
    ]),
  },
];
