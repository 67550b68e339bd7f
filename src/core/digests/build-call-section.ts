import type { Programme } from '../programmes/programme';
import { countDaysBetween } from '../scheduling/local-days';
import type { CallSection } from './digest';
import type { CallFigures } from './digest-figures';
import { rankOrganisations } from './rank-organisations';

/** The call-for-candidacies part of a digest, from the call's figures on `today`. */
export function buildCallSection(
  programme: Programme,
  figures: CallFigures,
  today: string,
): CallSection {
  const byOrganisation = rankOrganisations(
    programme,
    figures.byOrganisation.map((o) => ({ organisationId: o.organisationId, count: o.candidacies })),
  );
  const counted = new Map(byOrganisation.map((o) => [o.organisationId, o.count]));
  const branches = new Map<string, number>();
  for (const organisation of programme.organisations) {
    branches.set(
      organisation.branch,
      (branches.get(organisation.branch) ?? 0) + (counted.get(organisation.id) ?? 0),
    );
  }
  const closesOn = programme.milestones.candidacyClose;
  return {
    kind: 'call',
    candidacies: figures.candidacies,
    people: figures.people,
    newThisWeek: figures.newSince,
    withdrawn: figures.withdrawn,
    drafts: figures.drafts,
    closesOn,
    daysLeft: Math.max(0, countDaysBetween(today, closesOn)),
    byOrganisation,
    organisationsWithout: programme.organisations.filter((o) => !counted.has(o.id)).length,
    byBranch: programme.organisations
      .map((o) => o.branch)
      .filter((branch, index, all) => all.indexOf(branch) === index)
      .map((branch) => ({ branch, count: branches.get(branch) ?? 0 }))
      .sort((a, b) => b.count - a.count),
  };
}
