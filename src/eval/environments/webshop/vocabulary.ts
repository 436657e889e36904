// The shop's language: every product type with its category, brands, materials, features, what it
// fits (laptop or phone compatibility), options and price range. The catalogue, the tasks and the
// careful policy's instruction parser all read this one table, so they cannot drift apart.

export interface FitSpec {
  /** What the product fits, from small to large ('13-inch laptop', ...). */
  values: string[];
  /** 'up-to': fits its own value and every smaller one (a backpack); 'exact': only its own (a sleeve). */
  rule: 'up-to' | 'exact';
  /** How the title names the fit, e.g. (v) => `for laptops up to ${v}`. */
  title(value: string): string;
}

export interface TypeSpec {
  category: string;
  productType: string;
  brands: string[];
  materials: string[];
  features: string[];
  /** Features no product has together (a shirt has long or short sleeves). */
  exclusive?: string[][];
  fits?: FitSpec;
  options: Record<string, string[]>;
  priceRange: [number, number];
}

const laptopSizes = [
  '13-inch laptop',
  '14-inch laptop',
  '15-inch laptop',
  '16-inch laptop',
  '17-inch laptop',
];
const inches = (value: string) => value.replace('-inch laptop', ' inches');

export const productTypes: TypeSpec[] = [
  {
    category: 'bags',
    productType: 'backpack',
    brands: ['Trailmate', 'Urbanpack', 'Northway', 'Kestrel'],
    materials: ['nylon', 'polyester', 'canvas', 'leather'],
    features: ['waterproof', 'anti-theft', 'padded straps', 'lightweight', 'usb charging port'],
    fits: { values: laptopSizes, rule: 'up-to', title: (v) => `for laptops up to ${inches(v)}` },
    options: { color: ['black', 'grey', 'navy', 'green', 'red'] },
    priceRange: [25, 160],
  },
  {
    category: 'bags',
    productType: 'laptop sleeve',
    brands: ['Sleevo', 'Urbanpack', 'Padwell'],
    materials: ['neoprene', 'felt', 'leather', 'polyester'],
    features: ['waterproof', 'shockproof', 'slim', 'zippered pocket'],
    fits: { values: laptopSizes, rule: 'exact', title: (v) => `for ${v}s` },
    options: { color: ['black', 'grey', 'navy', 'pink'] },
    priceRange: [12, 60],
  },
  {
    category: 'clothing',
    productType: 'shirt',
    brands: ['Harbor & Co', 'Linea', 'Oxbridge', 'Fieldday'],
    materials: ['cotton', 'linen', 'polyester', 'merino wool'],
    features: ['long sleeve', 'short sleeve', 'slim fit', 'wrinkle-free', 'button-down'],
    exclusive: [['long sleeve', 'short sleeve']],
    options: { size: ['XS', 'S', 'M', 'L', 'XL'], color: ['navy', 'white', 'black', 'grey', 'light blue'] },
    priceRange: [12, 80],
  },
  {
    category: 'clothing',
    productType: 'rain jacket',
    brands: ['Nimbus', 'Drywear', 'Coastline'],
    materials: ['nylon', 'polyester', 'recycled polyester'],
    features: ['waterproof', 'packable', 'hooded', 'breathable', 'lightweight'],
    options: { size: ['S', 'M', 'L', 'XL'], color: ['yellow', 'green', 'black', 'navy'] },
    priceRange: [30, 180],
  },
  {
    category: 'shoes',
    productType: 'running shoes',
    brands: ['Stride', 'Fleetfoot', 'Apex'],
    materials: ['mesh', 'knit', 'leather', 'synthetic'],
    features: ['waterproof', 'lightweight', 'cushioned', 'breathable', 'non-slip'],
    options: { size: ['7', '8', '9', '10', '11', '12'], color: ['black', 'white', 'blue', 'red', 'grey'] },
    priceRange: [35, 160],
  },
  {
    category: 'electronics',
    productType: 'phone case',
    brands: ['Armorly', 'Casecraft', 'Clearline'],
    materials: ['silicone', 'leather', 'polycarbonate', 'tpu'],
    features: ['shockproof', 'magsafe compatible', 'slim', 'card holder'],
    fits: { values: ['iphone 15', 'galaxy s24', 'pixel 8'], rule: 'exact', title: (v) => `for ${v}` },
    options: { color: ['black', 'clear', 'blue', 'red'] },
    priceRange: [8, 50],
  },
  {
    category: 'electronics',
    productType: 'wireless headphones',
    brands: ['Sonica', 'Auralis', 'Beatline'],
    materials: ['plastic', 'aluminium'],
    features: ['noise cancelling', 'foldable', 'built-in microphone', 'waterproof', 'long battery life'],
    options: { color: ['black', 'silver', 'white', 'navy'] },
    priceRange: [25, 350],
  },
  {
    category: 'kitchen',
    productType: 'water bottle',
    brands: ['Hydrow', 'Summit Flask', 'Aqualine'],
    materials: ['stainless steel', 'plastic', 'glass'],
    features: ['insulated', 'leak-proof', 'dishwasher safe', 'bpa-free'],
    options: { size: ['500 ml', '750 ml', '1 litre'], color: ['black', 'white', 'blue', 'green', 'pink'] },
    priceRange: [8, 45],
  },
];

/** The attribute a product has for each value it fits: 'fits 15-inch laptop', 'fits pixel 8'. */
export const fitAttribute = (value: string) => `fits ${value}`;

/** The values a product with fit `value` fits under the spec's rule. */
export function fitsCovered(spec: FitSpec, value: string): string[] {
  if (spec.rule === 'exact') return [value];
  return spec.values.slice(0, spec.values.indexOf(value) + 1);
}

export const priceTiers = ['budget', 'mid-range', 'premium'] as const;
export type PriceTier = (typeof priceTiers)[number];
