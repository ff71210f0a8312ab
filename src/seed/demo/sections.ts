/** Sections of the demo site, in navigation order. */
import type { DemoSection } from '../demo-types.ts';

/** The seven demo sections, each with its Arabic name for the Arabic edition. */
export const SECTIONS: DemoSection[] = [
  { slug: 'news', name: 'News', nameAr: 'أخبار', description: 'Daily reporting from our correspondents and trusted agencies across the region.' },
  { slug: 'opinion', name: 'Opinion', nameAr: 'رأي', description: 'Arguments from our columnists and guest writers. The views are the authors’ own.' },
  { slug: 'analysis', name: 'Analysis', nameAr: 'تحليل', description: 'Our specialist reporters on what happened, why it matters and what may come next.' },
  { slug: 'explainers', name: 'Explainers', nameAr: 'شروح', description: 'Plain-language guides to the institutions, resources and disputes that shape the region.' },
  { slug: 'features', name: 'Features', nameAr: 'تقارير مطوّلة', description: 'Long-form reporting, profiles and interviews from the places the headlines pass by.' },
  { slug: 'culture', name: 'Culture', nameAr: 'ثقافة', description: 'Books, film, music and exhibitions from across the region, reviewed and discussed.' },
  { slug: 'video', name: 'Video', nameAr: 'فيديو', description: 'Short documentaries and visual explainers from our video team.' },
];
