// Spanish texts the customers module sends to end customers.

export const customersMessages = {
  botBack: (company: string) =>
    `¡Hola de nuevo! 🤖 El asistente de *${company}* ya está de vuelta.\nEscribe *menú* para ver las opciones.`,
};

export const customersErrorMessages = {
  customerNotFound: 'No encontramos a ese cliente.',
};
