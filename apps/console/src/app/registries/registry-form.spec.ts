import { type Registry, createRegistryBody, fillRegistryForm, registryForm, updateRegistryBody } from './registry-form';

describe('The registry form', () => {
  const filled = (values: Partial<ReturnType<ReturnType<typeof registryForm>['getRawValue']>>) => {
    const form = registryForm();
    form.patchValue({ service: 'registry.example.com', url: 'https://registry.example.com', ...values });
    return form;
  };

  it('should accept a minimal registry', () => {
    expect(filled({}).valid).toBe(true);
  });

  it.each([
    ['', 'required'],
    ['-registry', 'pattern'],
    ['registry example', 'pattern'],
    ['registry.', 'pattern'],
    ['x'.repeat(256), 'maxlength'],
  ])('should refuse the service %j (%s)', (service, error) => {
    const form = filled({ service });
    expect(form.controls.service.hasError(error)).toBe(true);
    expect(form.valid).toBe(false);
  });

  it.each(['localhost:5000', 'registry.example.com', 'a', 'Registry_1.example'])(
    'should accept the service %j',
    (service) => {
      expect(filled({ service }).controls.service.valid).toBe(true);
    },
  );

  it.each([
    ['', 'required'],
    ['registry.example.com', 'pattern'],
    ['ftp://registry.example.com', 'pattern'],
    ['https://', 'pattern'],
    ['https://has space.example', 'pattern'],
  ])('should refuse the URL %j (%s)', (url, error) => {
    expect(filled({ url }).controls.url.hasError(error)).toBe(true);
  });

  it('should name the first bad group of a list, and why', () => {
    const form = filled({ publications: 'dev, Ops Team, qa', responsibles: 'ops' });
    expect(form.controls.publications.getError('item')).toBe(
      'Ops Team: a group name is 1-64 of a-z, 0-9, ".", "_", "-"',
    );
    expect(form.controls.responsibles.valid).toBe(true);
  });

  it('should check anonymous pull patterns with the policy code the server runs', () => {
    expect(filled({ anonymousPull: 'public/**' }).controls.anonymousPull.valid).toBe(true);
    const form = filled({ anonymousPull: 'public/**, /[/' });
    expect(form.controls.anonymousPull.getError('item')).toMatch(/^\/\[\/: /);
  });

  it('should send trimmed values and lists without empty items', () => {
    const form = filled({
      service: ' registry.example.com ',
      url: ' https://registry.example.com ',
      publications: 'dev, ,qa,',
      responsibles: '',
      anonymousPull: 'public/**\nlibrary/*',
      restricted: true,
      fronted: true,
    });
    expect(createRegistryBody(form)).toEqual({
      service: 'registry.example.com',
      url: 'https://registry.example.com',
      publications: ['dev', 'qa'],
      responsibles: [],
      anonymousPull: ['public/**', 'library/*'],
      restricted: true,
      fronted: true,
      insecure: false,
    });
  });

  it('should edit a registry without letting its service change', () => {
    const form = registryForm();
    const registry = {
      service: 'registry.example.com',
      url: 'https://registry.example.com',
      publications: ['dev'],
      responsibles: ['ops', 'sre'],
      anonymousPull: [],
      restricted: true,
      fronted: false,
      insecure: false,
    } as unknown as Registry;
    fillRegistryForm(form, registry);
    expect(form.controls.service.disabled).toBe(true);
    expect(form.controls.responsibles.value).toBe('ops, sre');
    expect(form.valid || form.status === 'VALID').toBe(true);
    expect(updateRegistryBody(form)).toEqual({
      url: 'https://registry.example.com',
      publications: ['dev'],
      responsibles: ['ops', 'sre'],
      anonymousPull: [],
      restricted: true,
      fronted: false,
      insecure: false,
    });
  });
});
