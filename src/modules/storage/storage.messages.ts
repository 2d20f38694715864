// Spanish texts of the storage module (API answers).
export const storageMessages = {
  unavailable: 'No pudimos guardar ni leer el archivo en el almacenamiento. Intenta de nuevo en unos minutos.',
  notFound: 'Archivo no encontrado.',
  uploadTooLarge: (mb: number) => `El archivo pesa demasiado: el máximo es ${mb} MB.`,
  uploadMissing: 'No recibimos ningún archivo. Envíalo como cuerpo de la petición o en un formulario (campo "photo" o "file").',
  uploadUnreadable: 'No pudimos leer el archivo enviado. Inténtalo de nuevo.',
};
