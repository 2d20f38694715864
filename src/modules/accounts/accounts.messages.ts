// What a shop owner, a staff member or an API client reads from the accounts API (Spanish).

export const accountsMessages = {
  badCredentials: 'Correo o contraseña incorrectos.',
  tooManyAttempts: (minutes: number) =>
    `Demasiados intentos de inicio de sesión. Espera ${minutes} minutos e intenta de nuevo, o restablece tu contraseña.`,
  tooManySignups: (minutes: number) =>
    `Se crearon demasiadas cuentas desde tu conexión. Espera ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} e intenta de nuevo.`,
  tooManyResets: (minutes: number) =>
    `Ya pediste varios enlaces para restablecer la contraseña. Revisa tu correo (también la carpeta de spam) o espera ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} para pedir otro.`,
  emailTaken: 'Ya existe una cuenta con ese correo. Inicia sesión, o restablece tu contraseña si no la recuerdas.',
  sessionInvalid: 'Tu sesión no es válida o ya expiró. Inicia sesión de nuevo.',
  apiKeyInvalid: 'Clave de API inválida o revocada.',
  wrongCurrentPassword: 'La contraseña actual no es correcta.',
  resetRequested: 'Si existe una cuenta con ese correo, te enviamos un enlace para restablecer la contraseña. Vence en 30 minutos.',
  resetInvalid: 'El enlace para restablecer la contraseña no es válido, ya se usó o venció. Pide uno nuevo.',
  resetSubject: 'Restablece tu contraseña de Mostrador',
  resetBody: (name: string, link: string) =>
    `Hola ${name}:\n\nPara elegir una nueva contraseña abre este enlace (vence en 30 minutos y sirve una sola vez):\n\n${link}\n\nSi no lo pediste, ignora este correo: tu contraseña no cambia.\n\nMostrador`,
  invitationInvalid: 'La invitación no es válida, ya se usó, fue revocada o venció. Pide una nueva al dueño del negocio.',
  invitationOtherEmail: (email: string) => `Esta invitación es para ${email}. Inicia sesión con ese correo para aceptarla.`,
  invitationNeedsAccount: 'Para aceptar la invitación inicia sesión, o envía tu nombre y una contraseña para crear tu cuenta.',
  invitationNotFound: 'Invitación no encontrada',
  alreadyMember: 'Esa persona ya es parte del equipo de este negocio.',
  invitationSubject: (company: string) => `Te invitaron a ${company} en Mostrador`,
  invitationBody: (company: string, inviter: string, link: string) =>
    `Hola:\n\n${inviter} te invitó a atender ${company} en Mostrador. Acepta la invitación con este enlace (vence en 7 días):\n\n${link}\n\nMostrador`,
  memberNotFound: 'Miembro no encontrado',
  lastOwner: 'No se puede quitar al último dueño del negocio. Primero agrega otro dueño.',
  apiKeyNotFound: 'Clave de API no encontrada',
  userNotFound: (email: string) => `No existe una cuenta con el correo ${email}.`,
};
