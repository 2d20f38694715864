export type HandoffEntry = {
  customerId: string;
  waId: string;
  name: string | null;
  handoffAt: Date | null;
  botPausedUntil: Date;
};
