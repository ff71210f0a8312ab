/** The media library's admin views: the searchable grid with its upload form, and one image's page. */
import { FormErrors } from '../admin/admin-layout.tsx';
import type { ArticleStatus } from '../db/schema.ts';
import { photoCredit } from './credit.ts';
import { IMAGE_FIELD_LIMITS } from './image-input.ts';
import type { ImageUse } from './image-usage.ts';
import { MAX_IMAGE_BYTES, MAX_PIXELS } from './ingest.ts';
import type { MediaImage } from './library.ts';
import { MAX_SEARCH_LENGTH, variantUrl } from './library.ts';
import type { ImageVariant } from './types.ts';

/** What the editorial fields of a form show: the stored values, or what was just typed. */
export interface ImageFieldValues {
  alt: string;
  caption: string;
  credit: string;
  creditOrganisation: string;
  canDistribute: boolean;
}

/** Empty fields for a new upload. */
export const EMPTY_FIELD_VALUES: ImageFieldValues = { alt: '', caption: '', credit: '', creditOrganisation: '', canDistribute: false };

/** An image's stored fields as form values. */
export function fieldValuesOf(image: MediaImage): ImageFieldValues {
  return { alt: image.alt, caption: image.caption ?? '', credit: image.credit ?? '', creditOrganisation: image.creditOrganisation ?? '', canDistribute: image.canDistribute };
}

/** Form values from a submitted body, so a refused form comes back as it was typed. */
export function fieldValuesFrom(form: Record<string, unknown>): ImageFieldValues {
  const text = (name: string) => {
    const value = form[name];
    return typeof value === 'string' ? value : '';
  };
  return { alt: text('alt'), caption: text('caption'), credit: text('credit'), creditOrganisation: text('creditOrganisation'), canDistribute: ['on', 'true', '1', 'yes'].includes(text('canDistribute')) };
}

const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,image/gif,image/tiff';
const STATUS_LABELS: Record<ArticleStatus, string> = { draft: 'draft', in_review: 'in review', scheduled: 'scheduled', published: 'published', unpublished: 'unpublished' };

function shortTime(iso: string) {
  return <time datetime={iso}>{iso.replace('T', ' ').slice(0, 16)} UTC</time>;
}

/** The credit as readers see it (the shared rule), or null when the photo has none. */
function shownCredit(image: Pick<MediaImage, 'credit' | 'creditOrganisation'>): string | null {
  return photoCredit(image) || null;
}

function Badges(props: { image: MediaImage }) {
  const { image } = props;
  if (image.canDistribute && image.alt !== '') return null;
  return (
    <ul class="media-badges">
      {image.canDistribute ? null : <li class="media-badge media-badge--wire">Wire – not distributable</li>}
      {image.alt === '' ? <li class="media-badge media-badge--warning">No alt text</li> : null}
    </ul>
  );
}

/** The editorial fields, shared by the upload form and the edit form. */
function ImageFields(props: { values: ImageFieldValues }) {
  const { values } = props;
  return (
    <>
      <label>
        Alt text
        <span class="hint">What the image shows, for people who cannot see it. Leave empty only for a purely decorative image.</span>
        <input name="alt" maxlength={IMAGE_FIELD_LIMITS.alt} value={values.alt} />
      </label>
      <label>
        Caption
        <textarea name="caption" rows={3} maxlength={IMAGE_FIELD_LIMITS.caption}>
          {values.caption}
        </textarea>
      </label>
      <label>
        Credit
        <span class="hint">The photographer, e.g. "Rania Haddad".</span>
        <input name="credit" maxlength={IMAGE_FIELD_LIMITS.credit} value={values.credit} />
      </label>
      <label>
        Credit organisation
        <span class="hint">The agency or outlet, e.g. a wire service.</span>
        <input name="creditOrganisation" maxlength={IMAGE_FIELD_LIMITS.creditOrganisation} value={values.creditOrganisation} />
      </label>
      <label class="media-check">
        <input type="checkbox" name="canDistribute" value="on" checked={values.canDistribute} />
        We may pass this image on to partners and syndication. Leave unticked for wire and agency photos.
      </label>
    </>
  );
}

function UploadForm(props: { csrf: string; values: ImageFieldValues; problems: string[] }) {
  return (
    <section class="media-upload" aria-labelledby="media-upload-heading">
      <h2 id="media-upload-heading">Upload an image</h2>
      <FormErrors problems={props.problems} />
      {/* Posted to the API path: only it accepts a request as large as a photo (the admin's
          form limit is 64 KB). The CSRF token travels as a field because forms cannot send headers. */}
      <form method="post" action="/admin/api/media?form=1" enctype="multipart/form-data" class="admin-form media-form">
        <input type="hidden" name="csrf" value={props.csrf} />
        <label>
          Image file
          <span class="hint">
            JPEG, PNG, WebP or AVIF, up to {MAX_IMAGE_BYTES / 1024 / 1024} MB and {MAX_PIXELS / 1_000_000} megapixels. Location and camera data are removed; animated images keep their first frame.
          </span>
          <input type="file" name="file" accept={ACCEPT} required />
        </label>
        <ImageFields values={props.values} />
        <button type="submit">Upload</button>
      </form>
    </section>
  );
}

function ImageCard(props: { image: MediaImage }) {
  const { image } = props;
  const credit = shownCredit(image);
  return (
    <li class="media-card">
      <a class="media-card__link" href={`/admin/media/${image.id}`}>
        {/* The link's text names the image; the alt text is shown below as text, so the thumbnail itself is decorative here. */}
        {image.thumbnailUrl ? <img src={image.thumbnailUrl} alt="" width={image.width} height={image.height} loading="lazy" decoding="async" /> : null}
        <span class="media-card__title">{image.caption ?? image.originalName ?? `Image ${image.id}`}</span>
      </a>
      {credit ? <p class="media-card__credit">{credit}</p> : null}
      {image.alt !== '' ? (
        <p class="media-card__alt">
          <span>Alt:</span> {image.alt}
        </p>
      ) : null}
      <Badges image={image} />
    </li>
  );
}

/** The library: upload form, search, grid and paging. */
export function MediaLibraryView(props: {
  images: MediaImage[];
  q: string;
  nextHref: string | null;
  upload: { csrf: string; values: ImageFieldValues; problems: string[] } | null;
  uploadedId: number | null;
}) {
  return (
    <>
      {props.uploadedId !== null ? (
        <p class="admin-notice" role="status">
          Image uploaded. <a href={`/admin/media/${props.uploadedId}`}>Check its alt text, caption and credit</a>.
        </p>
      ) : null}
      {props.upload ? <UploadForm {...props.upload} /> : null}
      <form method="get" action="/admin/media" role="search" class="media-search">
        <label for="media-q">Search captions, credits, alt text and file names</label>
        <input id="media-q" type="search" name="q" maxlength={MAX_SEARCH_LENGTH} value={props.q} />
        <button type="submit">Search</button>
      </form>
      {props.images.length === 0 ? (
        <p>{props.q ? 'No image matches that search.' : 'No images yet.'}</p>
      ) : (
        <ul class="media-grid" aria-label={props.q ? `Images matching ${props.q}` : 'Images, newest first'}>
          {props.images.map((image) => (
            <ImageCard image={image} />
          ))}
        </ul>
      )}
      {props.nextHref ? (
        <p>
          <a href={props.nextHref} rel="next">
            Older images
          </a>
        </p>
      ) : null}
    </>
  );
}

/** One image: preview, facts, the edit form (or the fields, read-only), where it is used and its variants. */
export function MediaImageView(props: {
  image: MediaImage;
  variants: ImageVariant[];
  uses: ImageUse[];
  uploaderName: string | null;
  edit: { csrf: string; values: ImageFieldValues; problems: string[] } | null;
  isSaved: boolean;
}) {
  const { image } = props;
  return (
    <>
      {props.isSaved ? (
        <p class="admin-notice" role="status">
          Saved.
        </p>
      ) : null}
      <div class="media-detail">
        {image.previewUrl ? <img class="media-detail__preview" src={image.previewUrl} alt={image.alt} width={image.width} height={image.height} /> : null}
        <dl>
          <dt>Size</dt>
          <dd>
            {image.width} × {image.height} pixels
          </dd>
          <dt>File name</dt>
          <dd>{image.originalName ?? 'not recorded'}</dd>
          <dt>Uploaded</dt>
          <dd>
            {shortTime(image.createdAt)}
            {props.uploaderName ? ` by ${props.uploaderName}` : ''}
          </dd>
          <dt>Distribution</dt>
          <dd>{image.canDistribute ? 'May be passed on to partners' : 'Wire – not distributable'}</dd>
        </dl>
      </div>
      <Badges image={image} />
      <h2>Details</h2>
      {props.edit ? (
        <>
          <FormErrors problems={props.edit.problems} />
          <form method="post" action={`/admin/media/${image.id}`} class="admin-form media-form">
            <input type="hidden" name="csrf" value={props.edit.csrf} />
            <ImageFields values={props.edit.values} />
            <button type="submit">Save details</button>
          </form>
        </>
      ) : (
        <>
          <p>Only the person who uploaded this image and editors can change its details.</p>
          <dl>
            <dt>Alt text</dt>
            <dd>{image.alt || 'none'}</dd>
            <dt>Caption</dt>
            <dd>{image.caption ?? 'none'}</dd>
            <dt>Credit</dt>
            <dd>{shownCredit(image) ?? 'none'}</dd>
          </dl>
        </>
      )}
      <h2>Used in</h2>
      {props.uses.length === 0 ? (
        <p>Not used in any article yet.</p>
      ) : (
        <ul class="media-uses">
          {props.uses.map((use) => (
            <li>
              <a href={`/admin/articles/${use.articleId}`}>{use.headline}</a> ({use.language}, {STATUS_LABELS[use.status]};{' '}
              {[use.isHero ? 'main image' : null, use.isInBody ? 'in the text' : null].filter(Boolean).join(' and ')})
            </li>
          ))}
        </ul>
      )}
      <h2>Variants</h2>
      <table class="admin-table">
        <thead>
          <tr>
            <th scope="col">Format</th>
            <th scope="col">Size</th>
            <th scope="col">File</th>
          </tr>
        </thead>
        <tbody>
          {props.variants.map((variant) => (
            <tr>
              <td>{variant.format === 'webp' ? 'WebP' : 'JPEG'}</td>
              <td>
                {variant.width} × {variant.height}
              </td>
              <td>
                <a href={variantUrl(variant)}>{variant.key}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/admin/media">Back to the media library</a>
      </p>
    </>
  );
}
