// Create or edit a product in a dialog: fields checked with the API's product schema, a photo
// chosen from the phone or the computer with its preview before saving.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { productSchemasFor, textDecimals } from '../../../../src/modules/catalog/product-fields.ts';
import { errorsFromApi, validate, type FieldErrors } from '../lib/forms.ts';
import type { Product } from '../lib/wire.ts';
import { Button, Field, Input, Modal, Select, Textarea, Toggle, useToast } from '../lib/ui/index.ts';
import { PhotoIcon } from '../layout/icons.tsx';
import { categoriesKey, productsKey, saveProduct, useCategories } from './catalog-api.ts';

const { productInputSchema } = productSchemasFor(textDecimals);
const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/gif,image/heic,image/avif';

type Props = { slug: string; product: Product | null; open: boolean; onClose: () => void; onSaved?: (p: Product) => void };

export function ProductEditor({ slug, product, open, onClose, onSaved }: Props) {
  const client = useQueryClient();
  const toast = useToast();
  const categories = useCategories(slug).data ?? [];
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [removePhoto, setRemovePhoto] = useState(false);
  const [active, setActive] = useState(product?.isActive ?? true);

  useEffect(() => {
    if (!open) return;
    setErrors({});
    setPhoto(null);
    setRemovePhoto(false);
    setActive(product?.isActive ?? true);
  }, [open, product]);

  useEffect(() => {
    if (!photo) return setPreview(null);
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const shown = preview ?? (removePhoto ? null : product?.imageUrl ?? null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (k: string) => String(form.get(k) ?? '').trim();
    const values = { name: text('name'), price: text('price'), unit: text('unit') || 'pieza', stock: text('stock') || null, description: text('description') || null, sku: text('sku') || null, isActive: active };
    const checked = validate(productInputSchema, values);
    if (!checked.ok) return setErrors(checked.errors);
    if (photo && photo.size > 15 * 1024 * 1024) return setErrors({ photo: 'La foto pesa demasiado: el máximo es 15 MB.' });
    setErrors({});
    setBusy(true);
    try {
      const saved = await saveProduct(slug, product?.id ?? null, { ...values, categoryId: text('categoryId') || null }, photo, removePhoto);
      await Promise.all([client.invalidateQueries({ queryKey: productsKey(slug) }), client.invalidateQueries({ queryKey: categoriesKey(slug) })]);
      toast.success(product ? 'Producto guardado.' : `Agregaste «${saved.name}» al catálogo.`);
      onSaved?.(saved);
      onClose();
    } catch (err) {
      setErrors(errorsFromApi(err));
    } finally {
      setBusy(false);
    }
  }

  const formId = `product-form-${product?.id ?? 'new'}`;
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={product ? 'Editar producto' : 'Nuevo producto'}
      wide
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancelar
          </Button>
          <Button type="submit" form={formId} busy={busy}>
            {product ? 'Guardar cambios' : 'Agregar producto'}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="grid gap-4 sm:grid-cols-[12rem_1fr]" key={product?.id ?? 'new'}>
        {errors._ ? (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2">
            {errors._}
          </p>
        ) : null}
        <div className="flex items-start gap-3 sm:flex-col sm:items-stretch sm:gap-2">
          <div className="grid aspect-square w-28 shrink-0 place-items-center sm:w-full overflow-hidden rounded-xl border border-slate-200 bg-slate-100 text-slate-400">
            {shown ? <img src={shown} alt="Vista previa de la foto" className="h-full w-full object-cover" /> : <PhotoIcon className="h-12 w-12" />}
          </div>
          <div className="flex min-w-0 flex-1 flex-col gap-2">
            <label className="inline-flex min-h-10 cursor-pointer items-center justify-center rounded-lg border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 focus-within:outline-2 focus-within:outline-wa-green hover:bg-slate-50">
              {shown ? 'Cambiar foto' : 'Subir foto'}
              <input
                type="file"
                name="photo"
                accept={PHOTO_TYPES}
                className="sr-only"
                aria-label="Foto del producto"
                onChange={(e) => {
                  setPhoto(e.target.files?.[0] ?? null);
                  setRemovePhoto(false);
                }}
              />
            </label>
            {shown ? (
              <Button size="sm" variant="ghost" onClick={() => (photo ? setPhoto(null) : setRemovePhoto(true))}>
                Quitar foto
              </Button>
            ) : null}
            {errors.photo ? <p className="text-sm text-red-700" role="alert">{errors.photo}</p> : <p className="text-xs text-slate-600">JPG, PNG o WebP hasta 15 MB. Se ajusta para WhatsApp.</p>}
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Nombre" error={errors.name} className="sm:col-span-2">
            <Input name="name" defaultValue={product?.name ?? ''} required />
          </Field>
          <Field label="Precio" error={errors.price}>
            <Input name="price" inputMode="decimal" defaultValue={product?.price ?? ''} placeholder="45.50" required />
          </Field>
          <Field label="Unidad" error={errors.unit} hint="pieza, kilo, litro, orden…">
            <Input name="unit" defaultValue={product?.unit ?? 'pieza'} />
          </Field>
          <Field label="Existencias" error={errors.stock} hint="Vacío: sin límite.">
            <Input name="stock" inputMode="decimal" defaultValue={product?.stock ?? ''} />
          </Field>
          <Field label="Categoría" error={errors.categoryId}>
            <Select name="categoryId" defaultValue={product?.category?.id ?? ''}>
              <option value="">Sin categoría</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Descripción" error={errors.description} className="sm:col-span-2">
            <Textarea name="description" rows={2} defaultValue={product?.description ?? ''} />
          </Field>
          <Field label="SKU (código)" error={errors.sku} hint="Opcional; sirve para importar con CSV.">
            <Input name="sku" defaultValue={product?.sku ?? ''} />
          </Field>
          <div className="flex items-end pb-2">
            <Toggle checked={active} onChange={setActive} label="Activo (el bot lo ofrece)" />
          </div>
        </div>
      </form>
    </Modal>
  );
}
