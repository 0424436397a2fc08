import { hostOf } from '../core/registry-hosts';
import { shellWord } from './secret-once';

describe('docker login lines', () => {
  it('should keep login names a shell reads as one word, and quote the others', () => {
    expect(shellWord('pat')).toBe('pat');
    expect(shellWord('service/web1')).toBe('service/web1');
    expect(shellWord('a b')).toBe("'a b'");
    expect(shellWord("o'neil")).toBe("'o'\\''neil'");
    expect(shellWord('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
  });

  it("should name a registry by its URL's host and port", () => {
    expect(hostOf('https://registry.example.com')).toBe('registry.example.com');
    expect(hostOf('http://localhost:5000/')).toBe('localhost:5000');
    expect(hostOf('not a url')).toBe('not a url');
  });
});
