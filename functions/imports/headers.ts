// The column headers people write for each field, in English, French, German, Spanish and Italian, as data: a header is
// compared without case, accents, spaces or punctuation, so "Inv.-Nr.", "inv_nr" and "Inv Nr" are one header.

/** Each field with the headers that name it (already squashed: lower case, a-z and digits only). */
const headersOf: Record<string, string[]> = {
  inventoryNumber: [
    'inventorynumber', 'inventoryno', 'inventorynr', 'inventory', 'invno', 'invnr', 'inv', 'accessionnumber', 'accessionno', 'accession', 'objectnumber', 'objectno', 'catalogueno', 'catalognumber', 'registrationnumber',
    'numerodinventaire', 'ndinventaire', 'ninventaire', 'noinventaire', 'inventaire', 'numinv', 'numeroinventaire',
    'inventarnummer', 'inventarnr', 'inventar', 'invnummer',
    'numerodeinventario', 'ninventario', 'inventario', 'numinventario', 'numeroinventario', 'numerodiinventario',
  ],
  objectType: [
    'objecttype', 'typeofobject', 'type', 'objectname', 'classification', 'category', 'worktype', 'objectworktype',
    'typedobjet', 'typeobjet', 'denomination', 'designation',
    'objektart', 'objekttyp', 'gattung', 'objektbezeichnung', 'art',
    'tipodeobjeto', 'tipoobjeto', 'tipo', 'clasificacion', 'categoria',
    'tipodioggetto', 'tipologia', 'oggetto', 'classificazione',
  ],
  title: ['title', 'name', 'titre', 'nom', 'titel', 'bezeichnung', 'titulo', 'nombre', 'titolo', 'denominazione'],
  description: ['description', 'desc', 'beschreibung', 'objektbeschreibung', 'descripcion', 'descrizione'],
  materials: ['materials', 'material', 'medium', 'materiaux', 'materiau', 'matiere', 'matieres', 'materialien', 'materiales', 'materiali', 'materia'],
  techniques: ['techniques', 'technique', 'technik', 'techniken', 'tecnica', 'tecnicas', 'tecniche'],
  maker: ['maker', 'artist', 'author', 'creator', 'artiste', 'auteur', 'createur', 'kunstler', 'kuenstler', 'hersteller', 'urheber', 'autor', 'artista', 'autore'],
  dateOrPeriod: ['dateorperiod', 'period', 'dating', 'datetext', 'creationdate', 'datation', 'epoque', 'periode', 'datierung', 'epoche', 'datacion', 'epoca', 'periodo', 'datazione'],
  culture: ['culture', 'school', 'ecole', 'kultur', 'schule', 'cultura', 'escuela', 'scuola'],
  subject: ['subject', 'sujet', 'motiv', 'thema', 'tema', 'soggetto', 'asunto'],
  distinguishingFeatures: ['distinguishingfeatures', 'features', 'signesparticuliers', 'particularites', 'besonderemerkmale', 'merkmale', 'senasparticulares', 'segniparticolari', 'damage', 'dommages', 'schaden'],
  inscription: ['inscription', 'inscriptions', 'inschrift', 'inschriften', 'inscripcion', 'inscripciones', 'iscrizione', 'iscrizioni'],
  status: ['status', 'statut', 'estado', 'stato'],
  visibility: ['visibility'],
  lang: ['lang', 'language', 'langue', 'sprache', 'idioma', 'lengua', 'lingua'],
  policeReference: ['policereference', 'policeref', 'casenumber', 'referencepolice', 'aktenzeichen', 'referenciapolicial', 'denuncia', 'riferimentopolizia'],
  images: ['images', 'image', 'photos', 'photo', 'pictures', 'picture', 'fotos', 'foto', 'bilder', 'bild', 'imagenes', 'imagen', 'immagini', 'immagine'],
  holder: ['holder', 'holdinginstitution', 'institution', 'repository', 'owner', 'detenteur', 'etablissement', 'eigentumer', 'eigentuemer', 'institucion', 'titular', 'istituzione', 'detentore'],
  'incident.country': ['country', 'pays', 'land', 'staat', 'pais', 'paese', 'nazione', 'countryoftheft', 'paysduvol', 'tatland', 'paisdelrobo', 'paesedelfurto'],
  'incident.date': ['date', 'dateoftheft', 'theftdate', 'datelost', 'datedisparition', 'datumdesdiebstahls', 'diebstahlsdatum', 'tatdatum', 'fechadelrobo', 'fecharobo', 'fecha', 'datadelfurto', 'datafurto', 'data', 'datum'],
  'incident.place': ['place', 'location', 'lieu', 'lieuduvol', 'ort', 'tatort', 'lugar', 'lugardelrobo', 'luogo', 'luogodelfurto', 'town', 'city', 'ville', 'stadt', 'ciudad', 'citta'],
  'incident.circumstances': ['circumstances', 'circonstances', 'umstande', 'umstaende', 'tathergang', 'circunstancias', 'circostanze'],
  'measurements.height': ['height', 'h', 'hauteur', 'haut', 'hohe', 'hoehe', 'alto', 'altura', 'altezza', 'hoogte', 'itemheight'],
  'measurements.width': ['width', 'w', 'largeur', 'breite', 'ancho', 'anchura', 'larghezza', 'breedte', 'itemwidth'],
  'measurements.depth': ['depth', 'd', 'profondeur', 'tiefe', 'profundidad', 'fondo', 'profondita', 'diepte', 'itemdepth'],
  'measurements.diameter': ['diameter', 'diam', 'diametre', 'durchmesser', 'diametro', 'itemdiameter'],
  'measurements.weight': ['weight', 'poids', 'gewicht', 'peso'],
  'measurements.unit': ['unit', 'units', 'unite', 'unites', 'einheit', 'unidad', 'unidades', 'unita', 'measurementunit'],
  'measurements.weightUnit': ['weightunit', 'unitedepoids', 'gewichtseinheit'],
  // Sizes written as one text ("support: 394 x 419 mm", "h. 24 cm"), read into numbers with their unit.
  dimensions: ['dimensions', 'dimension', 'measurements', 'measurement', 'size', 'taille', 'masse', 'abmessungen', 'grosse', 'groesse', 'medidas', 'dimensiones', 'dimensioni', 'misure', 'formato'],
};

/** Headers of a theft register that name the loss: "Date du vol" is the date of the incident. */
const incidentWords = ['incident', 'theft', 'loss', 'vol', 'disparition', 'diebstahl', 'verlust', 'robo', 'hurto', 'perdida', 'furto', 'perdita'];
const joiners = ['of', 'du', 'de', 'del', 'des', 'der', 'dei', 'della', 'la', 'le', 'el', 'il'];

/** A header as it is compared: lower case, accents and umlauts dropped, only letters and digits. */
export const squashHeader = (header: string): string =>
  header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const fieldOfSquashed = new Map<string, string>();
for (const [field, headers] of Object.entries(headersOf)) {
  // The field's own name and path ("incidentcountry", "measurementsheight") name it too.
  for (const header of [...headers, squashHeader(field)]) if (!fieldOfSquashed.has(squashHeader(header))) fieldOfSquashed.set(squashHeader(header), field);
}

/** Words of a header, before squashing: "Date du vol" -> ["date", "du", "vol"], "incidentCountry" -> ["incident", "country"]. */
const wordsOf = (header: string) =>
  header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .map(squashHeader)
    .filter(Boolean);

/** The field a header names, or undefined when the registry has no field for it. */
export function fieldOfHeader(header: string): string | undefined {
  const direct = fieldOfSquashed.get(squashHeader(header));
  if (direct) return direct;
  // "incidentCountry", "Date du vol", "Lieu de la disparition": the loss's words name the incident's field.
  const words = wordsOf(header);
  const rest = words.filter((word) => !incidentWords.includes(word) && !joiners.includes(word));
  if (rest.length === words.length || rest.length === 0) return undefined;
  const field = fieldOfSquashed.get(rest.join(''));
  if (!field) return undefined;
  return field.startsWith('incident.') ? field : fieldOfSquashed.get(`incident${rest.join('')}`);
}
