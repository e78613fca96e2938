// Which font files certificates are written with, as files of npm packages: Noto Sans (Latin, Greek, Cyrillic),
// Noto Sans Arabic and Noto Sans SC (Chinese), all SIL OFL 1.1, regular weight. Each package splits its font into files
// by range of characters (its unicode.json), so a certificate reads and embeds only the few files its text needs.

export interface FontFamily {
  /** The npm package, resolved from the module that reads it (node_modules/ beside the bundle in AWS). */
  package: string;
  /** The file of one range ("greek", "[118]") of the package's unicode.json. */
  fileOf(range: string): string;
  /** The ranges used; all of the package's when absent. */
  ranges?: readonly string[];
}

const regular = (family: string) => (range: string) => `files/${family}-${range.replace(/^\[(\d+)\]$/, '$1')}-400-normal.woff`;

/** In the order they are tried for a character: the first file that has its glyph writes it. */
export const fontFamilies: readonly FontFamily[] = [
  { package: '@fontsource/noto-sans', fileOf: regular('noto-sans') },
  { package: '@fontsource/noto-sans-arabic', fileOf: regular('noto-sans-arabic'), ranges: ['arabic'] },
  { package: '@fontsource/noto-sans-sc', fileOf: regular('noto-sans-sc') },
];

/**
 * What the certificates function reads from disk, by package, as globs: copied beside its bundle under node_modules/
 * (infra/function.ts) so that they resolve there as they do in the repository. WOFF, not WOFF2: fontkit cannot
 * subset a WOFF2 font. fontkit itself (self-contained, 1.5 MB of tables and shapers) is loaded from its file too, out
 * of the bundle.
 */
export const fontPackageFiles = [
  { package: '@pdf-lib/fontkit', files: ['package.json', 'dist/fontkit.umd.js'], external: true },
  ...fontFamilies.map((family) => ({
    package: family.package,
    files: ['package.json', 'LICENSE', 'unicode.json', ...(family.ranges ? family.ranges.map(family.fileOf) : [family.fileOf('*')])],
  })),
];
