// The fixed demo catalog the NLU corpus is written against: a neighbourhood shop that sells fruit
// and vegetables, groceries and water, named the way such shops name things when their customers
// come from several countries (regional names in brackets).
export type DemoProduct = { id: string; name: string; unit: string };

export const DEMO_CATALOG: readonly DemoProduct[] = [
  { id: 'papa', name: 'Papa blanca', unit: 'kg' },
  { id: 'tomate', name: 'Tomate (jitomate)', unit: 'kg' },
  { id: 'cebolla', name: 'Cebolla blanca', unit: 'kg' },
  { id: 'manzana', name: 'Manzana roja', unit: 'kg' },
  { id: 'banana', name: 'Banana (plátano)', unit: 'kg' },
  { id: 'aguacate', name: 'Aguacate (palta)', unit: 'kg' },
  { id: 'limon', name: 'Limón', unit: 'kg' },
  { id: 'zanahoria', name: 'Zanahoria', unit: 'kg' },
  { id: 'fresa', name: 'Fresa (frutilla)', unit: 'kg' },
  { id: 'naranja', name: 'Naranja', unit: 'kg' },
  { id: 'calabaza', name: 'Calabaza (zapallo)', unit: 'kg' },
  { id: 'elote', name: 'Elote (choclo)', unit: 'pieza' },
  { id: 'cilantro', name: 'Cilantro', unit: 'manojo' },
  { id: 'frijol', name: 'Frijol negro (poroto)', unit: 'kg' },
  { id: 'arroz', name: 'Arroz', unit: 'kg' },
  { id: 'azucar', name: 'Azúcar', unit: 'kg' },
  { id: 'huevo', name: 'Huevo', unit: 'pieza' },
  { id: 'leche', name: 'Leche entera 1 L', unit: 'pieza' },
  { id: 'aceite', name: 'Aceite vegetal 1 L', unit: 'botella' },
  { id: 'pan', name: 'Pan de molde', unit: 'paquete' },
  { id: 'queso', name: 'Queso fresco', unit: 'kg' },
  { id: 'pollo', name: 'Pechuga de pollo', unit: 'kg' },
  { id: 'tortilla', name: 'Tortilla de maíz', unit: 'kg' },
  { id: 'yerba', name: 'Yerba mate', unit: 'paquete' },
  { id: 'cafe', name: 'Café molido', unit: 'paquete' },
  { id: 'coca', name: 'Coca-Cola 2 L', unit: 'botella' },
  { id: 'garrafon', name: 'Agua 20 L (garrafón, bidón, botellón)', unit: 'garrafon' },
  { id: 'botella', name: 'Agua en botella 600 ml', unit: 'botella' },
];
