import type { TeamScoreDetails } from './create-team-scorer';
import type { IndexedInstance } from './index-instance';
import type { TeamFormationLanguage } from './team-formation';

/** A team's facilitators, and those who come from an organisation already in the team. */
export interface TeamFacilitators {
  ids: string[];
  fromMemberOrganisations: { id: string; organisation: string }[];
  /** Most teams any facilitator follows, the limit that made a clash unavoidable. */
  maxLoad: number;
}

/**
 * The sentences under a team's score, one per soft objective, e.g. "3 branches sur 4
 * représentées (famille, maladie, retraite)", then the facilitators when there are some.
 */
export function describeTeam(
  details: TeamScoreDetails,
  instance: IndexedInstance,
  facilitators: TeamFacilitators | undefined,
  language: TeamFormationLanguage,
  nameOf: (organisation: string) => string,
): string[] {
  const fr = language === 'fr';
  const list = (indices: number[], ids: readonly string[]): string =>
    indices.map((index) => ids[index]!).join(', ');
  const sentences: string[] = [];

  const branches = details.branches.length;
  sentences.push(
    fr
      ? `${branches} ${plural(branches, 'branche', 'branches')} sur ${details.branchesPossible} ${plural(branches, 'représentée', 'représentées')} (${list(details.branches, instance.branchIds)})`
      : `${branches} of ${details.branchesPossible} ${plural(details.branchesPossible, 'branch', 'branches')} represented (${list(details.branches, instance.branchIds)})`,
  );
  const balance = Math.round(100 * details.branchBalance);
  sentences.push(
    balance >= 100
      ? fr
        ? `Équilibre des branches : le meilleur possible pour une équipe de ${details.size}`
        : `Branch balance: the best possible for a team of ${details.size}`
      : fr
        ? `Équilibre des branches : ${balance} % du meilleur possible pour une équipe de ${details.size}`
        : `Branch balance: ${balance}% of the best possible for a team of ${details.size}`,
  );
  if (details.roles && details.roles.possible > 0) {
    const count = details.roles.present.length;
    sentences.push(
      fr
        ? `${count} ${plural(count, 'rôle', 'rôles')} sur ${details.roles.possible} ${plural(count, 'représenté', 'représentés')} (${list(details.roles.present, instance.roleIds)})`
        : `${count} of ${details.roles.possible} ${plural(details.roles.possible, 'role', 'roles')} represented (${list(details.roles.present, instance.roleIds)})`,
    );
  }
  if (details.regions && details.regions.possible > 0) {
    const count = details.regions.present.length;
    sentences.push(
      fr
        ? `${count} ${plural(count, 'région', 'régions')} sur ${details.regions.possible} ${plural(count, 'représentée', 'représentées')} (${list(details.regions.present, instance.regionIds)})`
        : `${count} of ${details.regions.possible} ${plural(details.regions.possible, 'region', 'regions')} represented (${list(details.regions.present, instance.regionIds)})`,
    );
  }
  if (details.themes) {
    const { theme, wishers, fans, firstChoice } = details.themes;
    const name = instance.themeIds[theme]!;
    sentences.push(
      fr
        ? `Thème « ${name} » : souhaité par ${fans} ${plural(fans, 'membre', 'membres')} sur ${wishers} (dont ${firstChoice} en premier choix)`
        : `Theme "${name}": wished by ${fans} of ${wishers} ${plural(wishers, 'member', 'members')} (${firstChoice} as first choice)`,
    );
  }
  if (details.isolated && instance.input.noIsolation !== undefined) {
    const attribute = instance.input.noIsolation;
    const alone = details.isolated.map((p) => instance.personIds[p]!);
    sentences.push(
      alone.length === 0
        ? fr
          ? `Personne n'est seul·e de sa catégorie pour « ${attribute} »`
          : `Nobody is the only one of their ${attribute} in the team`
        : fr
          ? `${alone.length} ${plural(alone.length, 'personne seule', 'personnes seules')} de sa catégorie pour « ${attribute} » : ${alone.join(', ')}`
          : `${alone.length} ${plural(alone.length, 'person is', 'people are')} the only one of their ${attribute}: ${alone.join(', ')}`,
    );
  }
  if (facilitators && facilitators.ids.length > 0) {
    const names = facilitators.ids.join(', ');
    const clashes = facilitators.fromMemberOrganisations;
    sentences.push(
      clashes.length === 0
        ? fr
          ? `Animateurs : ${names}, d'organisations absentes de l'équipe`
          : `Facilitators: ${names}, from organisations not in the team`
        : fr
          ? `Animateurs : ${names} ; ${clashes.map((c) => `${c.id} vient de ${nameOf(c.organisation)}, présente dans l'équipe`).join(' ; ')} (inévitable sans confier plus ${facilitators.maxLoad === 1 ? "d'une équipe" : `de ${facilitators.maxLoad} équipes`} à un animateur)`
          : `Facilitators: ${names}; ${clashes.map((c) => `${c.id} is from ${nameOf(c.organisation)}, which is in the team`).join('; ')} (unavoidable without giving a facilitator more than ${facilitators.maxLoad === 1 ? 'one team' : `${facilitators.maxLoad} teams`})`,
    );
  }
  return sentences;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
