/** The demo newsroom's journalists: correspondents, editors and one contributor. All fictional. */
import type { DemoAuthor } from '../demo-types.ts';

/** Fifteen fictional bylines with beats across the region. */
export const AUTHORS: DemoAuthor[] = [
  {
    slug: 'rania-haddad', name: 'Rania Haddad', title: 'Beirut correspondent', location: 'Beirut',
    bio: 'Rania Haddad covers Lebanon and Syria, with a focus on the banking collapse, electricity and the lives of refugees. Before joining The Tamarisk she spent eight years at a Beirut radio station. She studied political science in Beirut and Lyon.',
    expertise: ['Lebanon', 'Syria', 'Refugees', 'Banking'], languages: ['Arabic', 'English', 'French'],
  },
  {
    slug: 'omar-khatib', name: 'Omar Al-Khatib', title: 'Amman bureau chief', location: 'Amman',
    bio: 'Omar Al-Khatib runs The Tamarisk’s Amman bureau and reports on Jordan’s politics, water and labour market. He has covered the kingdom for fifteen years, including long stints in its northern border towns.',
    expertise: ['Jordan', 'Water', 'Labour'], languages: ['Arabic', 'English'],
  },
  {
    slug: 'leila-farahani', name: 'Leila Farahani', title: 'Iran correspondent', location: 'Istanbul',
    bio: 'Leila Farahani reports on Iran’s economy, environment and society. She grew up in Isfahan and has written about water and agriculture on the Iranian plateau for more than a decade.',
    expertise: ['Iran', 'Water', 'Agriculture'], languages: ['Persian', 'English', 'Turkish'],
  },
  {
    slug: 'emre-yildirim', name: 'Emre Yıldırım', title: 'Türkiye correspondent', location: 'Istanbul',
    bio: 'Emre Yıldırım covers Türkiye’s economy, cities and foreign policy. He previously worked as a business reporter in Ankara and writes a weekly column on urban life.',
    expertise: ['Türkiye', 'Economy', 'Cities'], languages: ['Turkish', 'English'],
  },
  {
    slug: 'dilan-amedi', name: 'Dilan Amedi', title: 'Iraq correspondent', location: 'Erbil',
    bio: 'Dilan Amedi reports from across Iraq, from the Kurdistan region to Basra, on water, oil and press freedom. She began her career as a fixer for visiting foreign crews and has been a staff correspondent since 2019.',
    expertise: ['Iraq', 'Kurdistan region', 'Energy', 'Water'], languages: ['Kurdish', 'Arabic', 'English'],
  },
  {
    slug: 'youssef-benali', name: 'Youssef Benali', title: 'Maghreb correspondent', location: 'Tunis',
    bio: 'Youssef Benali covers Tunisia and the wider Maghreb: elections, migration and the olive and phosphate economies. He also reviews North African cinema for the culture pages.',
    expertise: ['Tunisia', 'Elections', 'Agriculture', 'Film'], languages: ['Arabic', 'French', 'English'],
  },
  {
    slug: 'nadia-el-sayed', name: 'Nadia El-Sayed', title: 'Egypt correspondent', location: 'Cairo',
    bio: 'Nadia El-Sayed reports on Egypt’s economy, food prices and coastal cities. She trained as an economist and spent five years on a Cairo business desk before moving to field reporting.',
    expertise: ['Egypt', 'Economy', 'Food security'], languages: ['Arabic', 'English'],
  },
  {
    slug: 'huda-ghamdi', name: 'Huda Al-Ghamdi', title: 'Gulf correspondent', location: 'Riyadh',
    bio: 'Huda Al-Ghamdi covers energy, climate policy and business in Saudi Arabia and the Gulf. She holds an engineering degree and often writes about the technology behind the region’s energy transition.',
    expertise: ['Saudi Arabia', 'Energy', 'Climate'], languages: ['Arabic', 'English'],
  },
  {
    slug: 'adel-bamatraf', name: 'Adel Bamatraf', title: 'Yemen correspondent', location: 'Aden',
    bio: 'Adel Bamatraf reports on Yemen’s economy, ports and humanitarian situation from Aden. He is from Hadramawt and writes about the country’s south and its Red Sea trade.',
    expertise: ['Yemen', 'Shipping', 'Humanitarian affairs'], languages: ['Arabic', 'English'],
  },
  {
    slug: 'claire-dumont', name: 'Claire Dumont', title: 'Economics editor', location: 'Paris',
    bio: 'Claire Dumont edits The Tamarisk’s economics coverage, from central banks to shipping costs. She previously covered emerging markets for a financial newsletter and lived in Beirut for six years.',
    expertise: ['Economy', 'Banking', 'Trade'], languages: ['French', 'English', 'Arabic'],
  },
  {
    slug: 'tomas-lindqvist', name: 'Tomas Lindqvist', title: 'Climate and data reporter', location: 'Amman',
    bio: 'Tomas Lindqvist reports on climate, water and the numbers behind them, and builds the maps and charts that accompany our investigations. He moved to Amman from Gothenburg in 2018.',
    expertise: ['Climate', 'Water', 'Data journalism'], languages: ['Swedish', 'English', 'Arabic'],
  },
  {
    slug: 'hana-qasem', name: 'Hana Qasem', title: 'Opinion and culture editor', location: 'Amman',
    bio: 'Hana Qasem edits the Opinion and Culture sections and writes about media, books and the region’s publishing industry. She is a former literary magazine editor and teaches a workshop on essay writing.',
    expertise: ['Media', 'Books', 'Press freedom'], languages: ['Arabic', 'English'],
  },
  {
    slug: 'karim-mansour', name: 'Karim Mansour', title: 'Senior analyst', location: 'Cairo',
    bio: 'Karim Mansour writes analysis on regional diplomacy and political economy. He spent a decade as a researcher before joining the newsroom and hosts our weekly podcast.',
    expertise: ['Diplomacy', 'Political economy', 'Egypt'], languages: ['Arabic', 'English', 'French'],
  },
  {
    slug: 'marco-bellini', name: 'Marco Bellini', title: 'Video producer', location: 'Beirut',
    bio: 'Marco Bellini produces The Tamarisk’s short documentaries and shoots stills for our features. He has filmed along the eastern Mediterranean coast since 2015.',
    expertise: ['Video', 'Photography', 'Coastal communities'], languages: ['Italian', 'English', 'Arabic'],
  },
  {
    slug: 'yasmin-khalaf', name: 'Yasmin Khalaf', title: 'Contributing writer', location: 'Amman',
    bio: 'Yasmin Khalaf is a water-policy researcher who writes occasional columns for The Tamarisk. Her work focuses on shared rivers and aquifers in the Levant and Mesopotamia.',
    expertise: ['Water policy', 'Transboundary rivers'], languages: ['Arabic', 'English', 'German'],
  },
];
