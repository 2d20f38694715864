import { describe, expect, it } from 'vitest';
import { optionForText, renderOptionsAsText, typedNumber } from '../../src/modules/channels/numbered-options.ts';
import type { OutboundContent } from '../../src/modules/messages/index.ts';

// Providers without buttons or lists (Twilio) show options as numbered text; what the customer
// types back is read as the option.

const confirm: OutboundContent = {
  kind: 'buttons',
  body: '📝 *Resumen de tu pedido*\n\n2 × Garrafón 20 L\n\n*Total: $90.00*\n\n¿Confirmamos tu pedido?',
  buttons: [{ id: 'confirm:yes', title: 'Confirmar' }, { id: 'confirm:change', title: 'Cambiar' }, { id: 'confirm:cancel', title: 'Cancelar' }],
};
const quantity: OutboundContent = {
  kind: 'buttons',
  body: '¿Cuántos *Garrafón 20 L* quieres?',
  buttons: [{ id: 'qty:p:1', title: '1' }, { id: 'qty:p:2', title: '2' }, { id: 'qty:p:3', title: '3' }],
};
const catalog: OutboundContent = {
  kind: 'list',
  body: '🛍️ *Catálogo*\nElige un producto.',
  button: 'Ver productos',
  sections: [{ title: 'Productos', rows: [
    { id: 'prod:a', title: 'Garrafón 20 L', description: '$45.00 / garrafón' },
    { id: 'prod:b', title: 'Tomate saladet', description: '$28.50 / kg' },
  ] }],
};
// The main menu numbers its options in its own body.
const menu: OutboundContent = {
  kind: 'list',
  body: '¿En qué te puedo ayudar? Elige una opción:\n\n1️⃣ Ver catálogo\n2️⃣ Hacer un pedido\n\nTambién puedes escribir el número.',
  button: 'Ver opciones',
  sections: [{ title: 'Menú principal', rows: [{ id: 'menu:catalog', title: 'Ver catálogo', description: 'Productos y precios' }, { id: 'menu:order', title: 'Hacer un pedido' }] }],
};

describe('options as numbered text', () => {
  it('buttons: the body, then each option numbered, then how to answer', () => {
    expect(renderOptionsAsText(confirm, 1600)).toBe(`${confirm.body}\n\n1️⃣ Confirmar\n2️⃣ Cambiar\n3️⃣ Cancelar\n\n_Responde con el número de tu opción._`);
  });

  it('a list with its rows’ descriptions', () => {
    expect(renderOptionsAsText(catalog, 1600)).toContain('1️⃣ Garrafón 20 L — $45.00 / garrafón\n2️⃣ Tomate saladet — $28.50 / kg');
  });

  it('options the body already numbers (the menu) are not repeated', () => {
    expect(renderOptionsAsText(menu, 1600)).toBe(menu.kind === 'list' ? menu.body : '');
  });

  it('a body that only mentions an option (an example naming the product) still gets the options', () => {
    const one: OutboundContent = { kind: 'list', body: 'Escríbeme lo que quieres, por ejemplo: *1 bolillo*.', button: 'Ver', sections: [{ title: 'P', rows: [{ id: 'prod:b', title: 'Bolillo', description: '$3.50 / pieza' }] }] };
    expect(renderOptionsAsText(one, 1600)).toContain('1️⃣ Bolillo — $3.50 / pieza');
  });

  it('options that are numbers themselves (quantities) are not numbered: typing 3 means three', () => {
    const text = renderOptionsAsText(quantity, 1600);
    expect(text).not.toContain('1️⃣');
    expect(text).toContain('_Responde *1*, *2* o *3*._');
    expect(optionForText(quantity, '3')?.id).toBe('qty:p:3');
    expect(optionForText(quantity, '5')).toBeNull();
  });

  it('fits Twilio’s 1,600 characters: descriptions go first, then the body is shortened, never the options', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: `prod:${i}`, title: `Producto número ${i}`, description: 'x'.repeat(72) }));
    const long: OutboundContent = { kind: 'list', body: 'y'.repeat(1500), button: 'Ver', sections: [{ title: 'P', rows }] };
    const text = renderOptionsAsText(long, 1600);
    expect(text.length).toBeLessThanOrEqual(1600);
    for (const [i, r] of rows.entries()) expect(text).toContain(`${i === 9 ? '🔟' : `${i + 1}\uFE0F\u20E3`} ${r.title}`);
    expect(text).not.toContain('xxxx');
    expect(text).toContain('…');
  });
});

describe('what the customer types back', () => {
  it('the option’s number, however it is written', () => {
    for (const typed of ['1', '1.', ' 1 ', '#1', 'opción 1', 'Opcion 1', 'la 1', 'uno', '1️⃣']) expect(optionForText(confirm, typed)?.id, typed).toBe('confirm:yes');
    expect(optionForText(confirm, 'la dos')?.id).toBe('confirm:change');
    expect(optionForText(catalog, '2')?.id).toBe('prod:b');
    expect(typedNumber('🔟')).toBe(10);
  });

  it('or its title, without minding accents or case', () => {
    expect(optionForText(confirm, 'CONFIRMAR')?.id).toBe('confirm:yes');
    expect(optionForText(catalog, 'garrafon 20 l')?.id).toBe('prod:a');
  });

  it('anything else stays text for the conversation to read', () => {
    for (const typed of ['4', '0', 'quiero 2 garrafones', 'sí', '2 garrafones', '']) expect(optionForText(confirm, typed), typed).toBeNull();
    expect(optionForText({ kind: 'text', body: '¿A qué dirección te lo llevamos?' }, '1')).toBeNull();
  });
});
