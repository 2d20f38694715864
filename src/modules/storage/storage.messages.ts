// Spanish texts of the storage module (API answers).
export const storageMessages = {
  unavailable: 'No pudimos guardar ni leer el archivo en el almacenamiento. Intenta de nuevo en unos minutos.',
  notFound: 'Archivo no encontrado.',
};
