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
};
