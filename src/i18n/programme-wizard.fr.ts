/** French messages of the "nouveau programme" form. */
export const programmeWizardFr = {
  'wizard.title': 'Nouveau programme',
  'wizard.intro':
    'Décrivez le programme ; tout est vérifié avant l’enregistrement (dates dans l’ordre, organismes connus, places). Vous pouvez aussi importer un fichier avec « labbot programme import ».',
  'wizard.field.id': 'Identifiant (minuscules et tirets, ex. defi-du-lab-2027)',
  'wizard.field.name': 'Nom',
  'wizard.field.theme': 'Thème',
  'wizard.field.description': 'Description',
  'wizard.field.intake.mode': 'Mode de candidature',
  'wizard.field.intake.minTeamSize': 'Taille minimale d’une équipe candidate (mode équipe)',
  'wizard.field.capacity.seats': 'Nombre de places',
  'wizard.field.capacity.maxPerOrganisation': 'Places au plus par organisme',
  'wizard.field.organisations': 'Organismes participants',
  'wizard.field.themes': 'Thèmes proposés aux candidats (un par ligne)',
  'wizard.mode.individual': 'Individuel : chacun candidate, équipes mixtes ensuite',
  'wizard.mode.team': 'Équipe : un organisme candidate avec son équipe',
  'wizard.submit': 'Créer le programme',
  'wizard.errors': '{count} champ(s) à corriger.',
  'wizard.exists': 'Un programme porte déjà l’identifiant « {id} » : choisissez-en un autre.',
  'wizard.created': 'Programme « {name} » créé : {seats} places, {organisations} organismes.',
  'wizard.forbidden': 'La création de programmes est réservée à l’équipe du Lab.',
} as const;
