/**
 * Major events of the demo (issue 6), as a fixture: the 93rd INTERPOL General Assembly in Marrakech and the 2030 FIFA
 * World Cup in Morocco, Spain and Portugal. Coordinates and capacities are APPROXIMATE PUBLIC FIGURES written from
 * general knowledge (stadium locations to about a hundred metres; capacities as announced for 2030, several of them
 * under construction or renovation), good enough for a situation map, not for planning. The World Cup dates are those
 * announced for the tournament in Morocco, Spain and Portugal (the three centenary matches in South America aside).
 */
export interface FixtureVenue {
  name: string;
  city: string;
  country: 'MA' | 'ES' | 'PT';
  lat: number;
  lon: number;
  capacity: number;
}

export interface FixtureEvent {
  name: string;
  description: string;
  startsOn: string;
  endsOn: string;
  hostCountries: string[];
  organiser: string;
  retentionDays: number;
  /** Agency code → seat (the organiser chairs). */
  committee: Record<string, 'member' | 'observer'>;
  venues: FixtureVenue[];
}

export const INTERPOL_GA_2025: FixtureEvent = {
  name: '93rd INTERPOL General Assembly',
  description: 'The General Assembly of INTERPOL’s member countries, hosted by Morocco in Marrakech. Delegations of ministers and police chiefs, protected venues and hotels, accreditation of delegates, staff and media.',
  startsOn: '2025-11-24',
  endsOn: '2025-11-27',
  hostCountries: ['MA'],
  organiser: 'dgsn',
  retentionDays: 30,
  committee: { dgst: 'member', interpol: 'member', policia: 'observer', bka: 'observer', mps: 'observer' },
  venues: [{ name: 'Palais des Congrès de Marrakech', city: 'Marrakech', country: 'MA', lat: 31.6258, lon: -8.0152, capacity: 3000 }],
};

export const WORLD_CUP_2030: FixtureEvent = {
  name: 'FIFA World Cup 2030',
  description: 'The World Cup hosted jointly by Morocco, Spain and Portugal: twenty stadiums in seventeen cities, fan zones, team base camps and transfers across the Strait of Gibraltar. A special security committee coordinates the three countries’ police with INTERPOL.',
  startsOn: '2030-06-13',
  endsOn: '2030-07-21',
  hostCountries: ['MA', 'ES', 'PT'],
  organiser: 'dgsn',
  retentionDays: 60,
  committee: { dgst: 'member', policia: 'member', interpol: 'member', bka: 'observer', bundespolizei: 'observer' },
  venues: [
    { name: 'Grand Stade Hassan II', city: 'Casablanca', country: 'MA', lat: 33.6330, lon: -7.1340, capacity: 115000 },
    { name: 'Prince Moulay Abdellah Stadium', city: 'Rabat', country: 'MA', lat: 33.9600, lon: -6.8890, capacity: 69500 },
    { name: 'Grand Stade de Marrakech', city: 'Marrakech', country: 'MA', lat: 31.7060, lon: -7.9810, capacity: 45240 },
    { name: 'Ibn Batouta Stadium', city: 'Tangier', country: 'MA', lat: 35.7420, lon: -5.8570, capacity: 75600 },
    { name: 'Fès Stadium', city: 'Fès', country: 'MA', lat: 34.0040, lon: -4.9740, capacity: 55800 },
    { name: 'Adrar Stadium', city: 'Agadir', country: 'MA', lat: 30.4280, lon: -9.5410, capacity: 45480 },
    { name: 'Santiago Bernabéu', city: 'Madrid', country: 'ES', lat: 40.4531, lon: -3.6883, capacity: 83000 },
    { name: 'Metropolitano', city: 'Madrid', country: 'ES', lat: 40.4362, lon: -3.5995, capacity: 70460 },
    { name: 'Camp Nou', city: 'Barcelona', country: 'ES', lat: 41.3809, lon: 2.1228, capacity: 105000 },
    { name: 'RCDE Stadium', city: 'Barcelona', country: 'ES', lat: 41.3479, lon: 2.0757, capacity: 40000 },
    { name: 'La Cartuja', city: 'Seville', country: 'ES', lat: 37.4163, lon: -6.0045, capacity: 70000 },
    { name: 'San Mamés', city: 'Bilbao', country: 'ES', lat: 43.2642, lon: -2.9494, capacity: 53300 },
    { name: 'Anoeta', city: 'San Sebastián', country: 'ES', lat: 43.3014, lon: -1.9737, capacity: 39500 },
    { name: 'Nueva Romareda', city: 'Zaragoza', country: 'ES', lat: 41.6366, lon: -0.9020, capacity: 43000 },
    { name: 'Riazor', city: 'A Coruña', country: 'ES', lat: 43.3686, lon: -8.4174, capacity: 45000 },
    { name: 'Estadio de Gran Canaria', city: 'Las Palmas', country: 'ES', lat: 28.1001, lon: -15.4566, capacity: 44600 },
    { name: 'La Rosaleda', city: 'Málaga', country: 'ES', lat: 36.7340, lon: -4.4266, capacity: 45000 },
    { name: 'Estádio da Luz', city: 'Lisbon', country: 'PT', lat: 38.7527, lon: -9.1847, capacity: 64600 },
    { name: 'Estádio José Alvalade', city: 'Lisbon', country: 'PT', lat: 38.7613, lon: -9.1609, capacity: 50100 },
    { name: 'Estádio do Dragão', city: 'Porto', country: 'PT', lat: 41.1618, lon: -8.5839, capacity: 50000 },
  ],
};

/** Illustrative incidents of the demo's General Assembly board (demo content, not a record of real events). */
export const GA_DEMO_INCIDENTS: { title: string; description: string; category: string; severity: string; status: string; at: string; reporter: string; assigned: string }[] = [
  { title: 'Queue build-up at the delegates’ security screening', description: 'Arrivals for the opening session exceed the screening lanes; two more lanes opened.', category: 'crowd-safety', severity: 'medium', status: 'resolved', at: '2025-11-24T07:40:00Z', reporter: 'officer@dgsn.demo', assigned: 'dgsn' },
  { title: 'Phishing e-mails posing as the Assembly’s registration desk', description: 'Delegates received messages asking them to re-enter their accreditation details on a look-alike domain.', category: 'cyber-attack', severity: 'high', status: 'in-progress', at: '2025-11-24T11:05:00Z', reporter: 'officer@interpol.demo', assigned: 'dgst' },
  { title: 'Unattended bag near the press entrance', description: 'Perimeter cleared, bag checked by the explosives unit: no threat.', category: 'terrorist-threat', severity: 'critical', status: 'closed', at: '2025-11-25T09:20:00Z', reporter: 'officer@dgsn.demo', assigned: 'dgsn' },
  { title: 'Street vendors selling counterfeit passes', description: 'Fake visitor passes offered near the Hivernage hotels.', category: 'other', severity: 'low', status: 'open', at: '2025-11-26T16:45:00Z', reporter: 'officer@dgst.demo', assigned: 'dgsn' },
];
