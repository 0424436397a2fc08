import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';

/**
 * class-validator's `@ValidateNested({ each: true })` walks into an element that is itself an
 * array and finds nothing to check, so `{"images": [[]]}` passed validation and reached the
 * database as an image without a reference (a 500 found by e2e/hostile-input). Every list of
 * objects in a request body must therefore also say `@IsObject({ each: true })`: this test reads
 * the validation metadata of every DTO and names the fields that do not.
 */
describe('lists of objects in request bodies', () => {
  const root = join(__dirname, '..');
  const dtoFiles = (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.dto.ts'));

  it('should find the DTOs', () => {
    expect(dtoFiles.length).toBeGreaterThan(10);
  });

  it('should refuse an element that is not an object wherever elements are validated as nested objects', async () => {
    const classes = new Set<unknown>();
    for (const file of dtoFiles) {
      const exported = (await import(join(root, file))) as Record<string, unknown>;
      for (const value of Object.values(exported)) if (typeof value === 'function') classes.add(value);
    }
    const storage = getMetadataStorage();
    const nestedLists: string[] = [];
    const unguarded: string[] = [];
    for (const target of classes) {
      const metadatas = storage.getTargetValidationMetadatas(target as new () => object, '', true, false);
      for (const nested of metadatas.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION && m.each)) {
        const field = `${(target as { name: string }).name}.${nested.propertyName}`;
        nestedLists.push(field);
        const guarded = metadatas.some(
          (m) => m.propertyName === nested.propertyName && m.each && m.name === 'isObject',
        );
        if (!guarded) unguarded.push(field);
      }
    }
    expect(nestedLists).toEqual(expect.arrayContaining(['UsageReportDto.images', 'CreateRobotDto.permissions']));
    expect(unguarded).toEqual([]);
  });
});
