import type { programmeWizardFr } from './programme-wizard.fr';

/** English messages of the "new programme" form. */
export const programmeWizardEn: Record<keyof typeof programmeWizardFr, string> = {
  'wizard.title': 'New programme',
  'wizard.intro':
    'Describe the programme; everything is checked before it is saved (dates in order, known organisations, seats). You can also import a file with "labbot programme import".',
  'wizard.field.id': 'Identifier (lowercase and hyphens, e.g. defi-du-lab-2027)',
  'wizard.field.name': 'Name',
  'wizard.field.theme': 'Theme',
  'wizard.field.description': 'Description',
  'wizard.field.intake.mode': 'Intake mode',
  'wizard.field.intake.minTeamSize': 'Minimum size of an applying team (team mode)',
  'wizard.field.capacity.seats': 'Seats',
  'wizard.field.capacity.maxPerOrganisation': 'Seats at most per organisation',
  'wizard.field.organisations': 'Participating organisations',
  'wizard.field.themes': 'Themes offered to candidates (one per line)',
  'wizard.mode.individual': 'Individual: people apply alone, mixed teams later',
  'wizard.mode.team': 'Team: an organisation applies with its team',
  'wizard.submit': 'Create the programme',
  'wizard.errors': '{count} field(s) to correct.',
  'wizard.exists': 'A programme already has the identifier "{id}": choose another.',
  'wizard.created': 'Programme "{name}" created: {seats} seats, {organisations} organisations.',
  'wizard.forbidden': 'Creating programmes is for the Lab team only.',
};
