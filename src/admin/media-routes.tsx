/**
 * The media library page and the media Admin API (upload, search, edit). Handlers stay
 * thin: read input, check the policy, call src/media, present. See docs/ADMIN-API.md.
 */
import type { Context, Hono, Input } from 'hono';
import type { AppContext, AppEnv } from '../app-context.ts';
import { recordAudit } from '../accounts/audit.ts';
import { can, canEditImage } from '../accounts/policy.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { decodeCursor, encodeCursor } from '../articles/cursor.ts';
import type { ListingCursor } from '../articles/cursor.ts';
import { PublicError } from '../http/errors.tsx';
import { htmlPage } from '../http/respond.ts';
import { imageFormFieldsSchema, imageMetadataPatchSchema, pickImageFormFields } from '../media/image-input.ts';
import { findImageUses } from '../media/image-usage.ts';
import { ImageRejectedError, MAX_IMAGE_BYTES } from '../media/ingest.ts';
import { MAX_SEARCH_LENGTH, getImage, getImageWithVariants, listImages, updateImageMetadata, uploaderName } from '../media/library.ts';
import { EMPTY_FIELD_VALUES, MediaImageView, MediaLibraryView, fieldValuesFrom, fieldValuesOf } from '../media/library-views.tsx';
import type { ImageFieldValues } from '../media/library-views.tsx';
import { countUpload, uploadImage } from '../media/upload.ts';
import { ValidationError, describeIssues, parseOrThrow } from '../shared/validation.ts';
import { AdminLayout } from './admin-layout.tsx';
import { ApiFailure, CSRF_HEADER, apiJson, apiUser, fail, idParam, readJson } from './api-support.ts';
import { checkCsrf, clientIp, staffMember } from './session-middleware.ts';

type AnyContext = Context<AppEnv, string, Input>;
type FormBody = Record<string, string | File>;

/** `?q=` and `?after=` of a library request; bad values are the caller's mistake (400). */
function libraryQuery(c: AnyContext): { q: string; after: ListingCursor | null } {
  const q = (c.req.query('q') ?? '').trim();
  if (q.length > MAX_SEARCH_LENGTH) throw new PublicError(400, `A search may be at most ${MAX_SEARCH_LENGTH} characters long.`);
  const raw = c.req.query('after');
  const after = raw === undefined || raw === '' ? null : decodeCursor(raw);
  if (raw !== undefined && raw !== '' && !after) throw new PublicError(400, 'The "after" value in this address is not a valid page marker.');
  return { q, after };
}

/** Reads a multipart upload body; anything else is refused before it is parsed. */
async function readMultipart(c: AnyContext): Promise<FormBody> {
  if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiFailure(415, { error: 'bad_request', message: 'Send the image as multipart/form-data with the file in a "file" field.' });
  }
  try {
    return await c.req.parseBody();
  } catch {
    throw fail.badRequest('The upload could not be read as multipart/form-data.');
  }
}

/** The answer for a refused file: too large is 413, not an accepted image 415, the rest 422. */
function rejectionFailure(error: ImageRejectedError): ApiFailure {
  if (error.reason === 'too_large') return new ApiFailure(413, { error: 'too_large', message: error.message });
  if (error.reason === 'not_an_image' || error.reason === 'unsupported_format') return new ApiFailure(415, { error: 'bad_request', message: error.message });
  return fail.validation(error.problems);
}

// The session's CSRF token from the header (scripts) or the `csrf` field (the no-JS form).
function checkUploadCsrf(c: AnyContext, user: SessionUser, form: FormBody): void {
  const submitted = typeof form.csrf === 'string' ? form.csrf : c.req.header(CSRF_HEADER);
  try {
    checkCsrf(c, submitted, user);
  } catch {
    throw new ApiFailure(403, { error: 'csrf', message: 'This upload did not carry a valid CSRF token. Reload the page and try again.' });
  }
}

/** Registers /admin/media, /admin/media/:id and the /admin/api/media endpoints. */
export function registerMediaAdminRoutes(app: Hono<AppEnv>, ctx: AppContext): void {
  /** Checks, paces and stores one upload; returns the new image id. */
  async function receiveUpload(c: AnyContext, user: SessionUser, form: FormBody): Promise<number> {
    if (!can(user, 'media.upload')) throw fail.forbidden('Your role cannot upload images.');
    const file = form.file;
    if (!(file instanceof File) || (file.size === 0 && file.name === '')) throw fail.validation(['file: choose an image file to upload']);
    if (file.size > MAX_IMAGE_BYTES) throw new ApiFailure(413, { error: 'too_large', message: `file: is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB, the largest accepted image` });
    const fields = parseOrThrow(imageFormFieldsSchema, pickImageFormFields(form));
    const pace = await countUpload(ctx.db, user.id);
    if (!pace.allowed) throw new ApiFailure(429, { error: 'rate_limited', message: `Too many uploads. Try again in ${pace.retryAfterSeconds} seconds.` });
    let id: number;
    try {
      id = await uploadImage(ctx.db, ctx.mediaDir, { bytes: Buffer.from(await file.arrayBuffer()), fileName: file.name, uploadedBy: user.id }, fields);
    } catch (error) {
      if (error instanceof ImageRejectedError) throw rejectionFailure(error);
      throw error;
    }
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'media.upload', subjectType: 'image', subjectId: id, ip: clientIp(c) });
    return id;
  }

  async function adminPage(c: AnyContext, user: SessionUser, title: string, body: Parameters<typeof AdminLayout>[0]['children'], status = 200): Promise<Response> {
    const catalog = await ctx.catalog();
    return htmlPage(
      c,
      ctx,
      <AdminLayout title={title} user={user} assetPath={ctx.assetPath} siteName={catalog.site.name} current="/admin/media">
        {body}
      </AdminLayout>,
      { status, cacheable: false, language: 'en' },
    );
  }

  async function libraryPage(c: AnyContext, user: SessionUser, options: { status?: number; problems?: string[]; values?: ImageFieldValues; uploadedId?: number | null } = {}): Promise<Response> {
    const { q, after } = libraryQuery(c);
    const page = await listImages(ctx.db, { q, after });
    const nextHref = page.next ? `/admin/media?${new URLSearchParams({ ...(q ? { q } : {}), after: encodeCursor(page.next) }).toString()}` : null;
    const upload = can(user, 'media.upload') ? { csrf: user.csrfToken, values: options.values ?? EMPTY_FIELD_VALUES, problems: options.problems ?? [] } : null;
    return adminPage(c, user, 'Media library', <MediaLibraryView images={page.images} q={q} nextHref={nextHref} upload={upload} uploadedId={options.uploadedId ?? null} />, options.status);
  }

  async function imagePage(c: AnyContext, user: SessionUser, id: number, options: { status?: number; problems?: string[]; values?: ImageFieldValues; isSaved?: boolean } = {}): Promise<Response> {
    const found = await getImageWithVariants(ctx.db, id);
    if (!found) throw new PublicError(404, 'No image has that number.');
    const { image, variants } = found;
    const [uses, uploader] = await Promise.all([findImageUses(ctx.db, id), uploaderName(ctx.db, image.uploadedBy)]);
    const edit = canEditImage(user, image.uploadedBy) ? { csrf: user.csrfToken, values: options.values ?? fieldValuesOf(image), problems: options.problems ?? [] } : null;
    const title = image.caption ?? image.originalName ?? `Image ${image.id}`;
    return adminPage(c, user, title, <MediaImageView image={image} variants={variants} uses={uses} uploaderName={uploader} edit={edit} isSaved={options.isSaved ?? false} />, options.status);
  }

  /** The signed-in staff member for an admin page, or a redirect to sign in. */
  function pageUser(c: AnyContext): Promise<SessionUser | Response> {
    return staffMember(c, ctx, 'admin.enter', { refusal: 'Your account cannot use the admin.' });
  }

  // --- The JSON API ---------------------------------------------------------------

  app.get('/admin/api/media', async (c) => {
    await apiUser(c, ctx);
    const page = await listImages(ctx.db, libraryQuery(c));
    return apiJson(c, { images: page.images, next: page.next ? encodeCursor(page.next) : null });
  });

  app.get('/admin/api/media/:id', async (c) => {
    await apiUser(c, ctx);
    const image = await getImage(ctx.db, idParam(c));
    if (!image) throw fail.notFound('No image has that id.');
    return apiJson(c, image);
  });

  app.post('/admin/api/media', async (c) => {
    // The no-JS upload form posts here too (`?form=1`): this is the one admin path whose
    // body limit fits a photo. It answers with pages and redirects instead of JSON.
    if (c.req.query('form') === '1') return formUpload(c);
    const user = await apiUser(c, ctx);
    const id = await receiveUpload(c, user, await readMultipart(c));
    return apiJson(c, await getImage(ctx.db, id), 201);
  });

  async function formUpload(c: AnyContext): Promise<Response> {
    const user = await pageUser(c);
    if (user instanceof Response) return user;
    let form: FormBody = {};
    try {
      form = await readMultipart(c);
      checkUploadCsrf(c, user, form);
      const id = await receiveUpload(c, user, form);
      return c.redirect(`/admin/media?uploaded=${id}`, 303);
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : error instanceof ValidationError ? fail.validation(error.problems) : null;
      if (!failure) throw error;
      return libraryPage(c, user, { status: failure.status, problems: failure.body.error === 'validation' ? failure.body.problems : [failure.body.message], values: fieldValuesFrom(form) });
    }
  }

  app.patch('/admin/api/media/:id', async (c) => {
    const user = await apiUser(c, ctx);
    const id = idParam(c);
    const patch = await readJson(c, imageMetadataPatchSchema);
    const image = await getImage(ctx.db, id);
    if (!image) throw fail.notFound('No image has that id.');
    if (!canEditImage(user, image.uploadedBy)) throw fail.forbidden('Only the person who uploaded this image and editors can change its details.');
    const updated = await updateImageMetadata(ctx.db, id, patch);
    if (!updated) throw fail.notFound('No image has that id.');
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'media.edit', subjectType: 'image', subjectId: id, details: { fields: Object.keys(patch) }, ip: clientIp(c) });
    return apiJson(c, updated);
  });

  // --- The pages --------------------------------------------------------------------

  app.get('/admin/media', async (c) => {
    const user = await pageUser(c);
    if (user instanceof Response) return user;
    const uploaded = c.req.query('uploaded');
    return libraryPage(c, user, { uploadedId: uploaded && /^[1-9][0-9]{0,9}$/.test(uploaded) ? Number(uploaded) : null });
  });

  app.get('/admin/media/:id', async (c) => {
    const user = await pageUser(c);
    if (user instanceof Response) return user;
    const id = c.req.param('id');
    if (!/^[1-9][0-9]{0,9}$/.test(id)) throw new PublicError(404, 'No image has that number.');
    return imagePage(c, user, Number(id), { isSaved: c.req.query('saved') === '1' });
  });

  app.post('/admin/media/:id', async (c) => {
    const user = await pageUser(c);
    if (user instanceof Response) return user;
    const form = await c.req.parseBody();
    checkCsrf(c, form.csrf, user);
    const id = c.req.param('id');
    const image = /^[1-9][0-9]{0,9}$/.test(id) ? await getImage(ctx.db, Number(id)) : null;
    if (!image) throw new PublicError(404, 'No image has that number.');
    if (!canEditImage(user, image.uploadedBy)) throw new PublicError(403, 'Only the person who uploaded this image and editors can change its details.');
    const parsed = imageFormFieldsSchema.safeParse(pickImageFormFields(form));
    if (!parsed.success) return imagePage(c, user, image.id, { status: 422, problems: describeIssues(parsed.error), values: fieldValuesFrom(form) });
    await updateImageMetadata(ctx.db, image.id, parsed.data);
    await recordAudit(ctx.db, { actorUserId: user.id, action: 'media.edit', subjectType: 'image', subjectId: image.id, details: { fields: Object.keys(parsed.data) }, ip: clientIp(c) });
    return c.redirect(`/admin/media/${image.id}?saved=1`, 303);
  });
}
