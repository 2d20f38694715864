// Spanish texts of the catalog module (shown to shop owners in the panel, API and CSV importer).

export const catalogMessages = {
  nameRequired: 'El nombre es obligatorio.',
  nameTooLong: 'El nombre no puede tener más de 120 caracteres.',
  skuInvalid: 'El SKU debe tener entre 1 y 64 caracteres.',
  descriptionTooLong: 'La descripción no puede tener más de 1000 caracteres.',
  priceInvalid: 'El precio debe ser un número mayor o igual a 0 con máximo 2 decimales (por ejemplo 45 o 45.50).',
  unitInvalid: 'La unidad debe tener entre 1 y 30 caracteres (por ejemplo pieza, kg, garrafón).',
  stockInvalid: 'Las existencias deben ser un número mayor o igual a 0 con máximo 3 decimales, o vacío para ilimitado.',
  activeInvalid: 'El campo activo debe ser sí/no o true/false.',
  imageUrlInvalid: 'La imagen debe ser una URL http(s) válida.',
  activeLimit: (limit: number, wouldHave: number) =>
    `Tu plan permite hasta ${limit} productos activos y con estos cambios tendrías ${wouldHave}. ` +
    'Desactiva algunos productos o mejora tu plan.',
  productNotFound: 'Producto no encontrado.',
  skuTaken: (sku: string) => `Ya existe otro producto con el SKU "${sku}". Cada SKU debe ser único.`,
  productHasOrders: (name: string) =>
    `"${name}" ya aparece en pedidos, así que no se puede borrar. Desactívalo para que deje de mostrarse.`,
  categoryNotFound: 'Categoría no encontrada.',
  categoryNameInvalid: 'El nombre de la categoría debe tener entre 1 y 60 caracteres.',
  categoryNameTaken: (name: string) => `Ya existe la categoría "${name}".`,
  photoMissing: 'Envía la foto como archivo (campo "photo" o "file" de un formulario, o el cuerpo con Content-Type image/jpeg, image/png o image/webp).',
  photoNotImage: 'El archivo no es una imagen que podamos usar. Sube una foto JPG, PNG, WebP, GIF, HEIC o AVIF.',
  photoTooLarge: (mb: number) => `La foto pesa demasiado: el máximo es ${mb} MB.`,
  photoTooManyPixels: 'La foto es demasiado grande (más de 40 megapíxeles). Redúcela e inténtalo de nuevo.',
  noPhoto: 'Este producto no tiene foto.',
};
