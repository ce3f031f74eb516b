import { InvalidEventError } from './errors';
import { prepareAppend } from './validate-append';

const fieldOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidEventError) return error.field;
    throw error;
  }
  throw new Error('expected an InvalidEventError');
};

describe('prepareAppend', () => {
  it('serialises data and metadata once and generates time-ordered ids', () => {
    const [first, second] = prepareAppend(
      's',
      [
        { type: 'A', data: { x: 1 } },
        { type: 'B', data: [1], metadata: { correlationId: 'c' } },
      ],
      'any',
    );
    expect(first).toMatchObject({
      type: 'A',
      dataJson: '{"x":1}',
      metadataJson: '{}',
      idGiven: false,
    });
    expect(second).toMatchObject({ dataJson: '[1]', metadataJson: '{"correlationId":"c"}' });
    expect(first.id < second.id).toBe(true);
  });

  it('keeps a given id, in lower case', () => {
    const [event] = prepareAppend(
      's',
      [{ id: '0190A5E2-7C2B-7D3E-9F40-1B2C3D4E5F60', type: 'A', data: {} }],
      'any',
    );
    expect(event).toMatchObject({ id: '0190a5e2-7c2b-7d3e-9f40-1b2c3d4e5f60', idGiven: true });
  });

  it('names the path of what cannot be stored as JSON', () => {
    const data = { places: [{ name: 'Paris' }, { name: 'Bonn', at: new Date(0) }] };
    expect(fieldOf(() => prepareAppend('s', [{ type: 'A', data }], 'any'))).toBe(
      'events[0].data.places[1].at',
    );
    const metadata = { trace: new Map() };
    expect(fieldOf(() => prepareAppend('s', [{ type: 'A', data: {}, metadata }], 'any'))).toBe(
      'events[0].metadata.trace',
    );
  });

  it('accepts shared (not circular) references, null-prototype objects and undefined properties', () => {
    const shared = { code: 'FR' };
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    const [event] = prepareAppend(
      's',
      [{ type: 'A', data: { from: shared, to: shared, bare, note: undefined } }],
      'any',
    );
    expect(JSON.parse(event.dataJson)).toEqual({ from: shared, to: shared, bare: { a: 1 } });
  });

  it('counts data and metadata against the size limit', () => {
    const event = { type: 'A', data: { text: 'x'.repeat(40) }, metadata: { m: 'y'.repeat(40) } };
    expect(() => prepareAppend('s', [event], 'any', { maxEventBytes: 90 })).toThrow(
      /99 bytes of JSON, over the limit of 90/,
    );
    expect(prepareAppend('s', [event], 'any', { maxEventBytes: 99 })).toHaveLength(1);
  });

  it('refuses a stream name that is not a string', () => {
    expect(fieldOf(() => prepareAppend(42, [{ type: 'A', data: {} }], 'any'))).toBe('stream');
  });
});
