import type { InfeasibilityReason, TeamFormationLanguage } from './team-formation';

/**
 * Says why teams cannot be formed, in the organiser's words, with the change that would fix it.
 * Teams are numbered from 1 as in the table; lock messages also give the 0-based `team` of the file.
 */
export function describeInfeasibility(
  reason: InfeasibilityReason,
  language: TeamFormationLanguage,
  nameOf: (organisation: string) => string,
): string {
  const fr = language === 'fr';
  const lockedTeam = (team: number): string =>
    fr
      ? `l'équipe ${team + 1} (« team »: ${team} dans le fichier)`
      : `team ${team + 1} ("team": ${team} in the file)`;
  switch (reason.code) {
    case 'too-few-people': {
      const { people, teamCount, minSize } = reason;
      const needed = teamCount * minSize;
      const teams = Math.floor(people / minSize);
      const size = Math.floor(people / teamCount);
      const fewerTeams =
        teams >= 1
          ? fr
            ? `Formez au plus ${count(teams, 'équipe', 'équipes')}, ou abaissez`
            : `Form at most ${count(teams, 'team', 'teams')}, or lower`
          : fr
            ? 'Abaissez'
            : 'Lower';
      return fr
        ? `${count(people, 'participant', 'participants')} pour ${count(teamCount, 'équipe', 'équipes')} d'au moins ${minSize} : il en faudrait au moins ${needed}. ` +
            `${fewerTeams} la taille minimale à ${Math.max(1, size)}.`
        : `${count(people, 'participant', 'participants')} for ${count(teamCount, 'team', 'teams')} of at least ${minSize}: at least ${needed} are needed. ` +
            `${fewerTeams} the minimum size to ${Math.max(1, size)}.`;
    }
    case 'too-many-people': {
      const { people, teamCount, maxSize } = reason;
      const room = teamCount * maxSize;
      const teams = Math.ceil(people / maxSize);
      const size = Math.ceil(people / teamCount);
      return fr
        ? `${count(people, 'participant', 'participants')}, mais ${count(teamCount, 'équipe', 'équipes')} d'au plus ${maxSize} n'en ${teamCount * maxSize === 1 ? 'accueille' : 'accueillent'} que ${room}. ` +
            `Formez au moins ${count(teams, 'équipe', 'équipes')}, ou relevez la taille maximale à ${size}.`
        : `${count(people, 'participant', 'participants')}, but ${count(teamCount, 'team', 'teams')} of at most ${maxSize} ${teamCount === 1 ? 'holds' : 'hold'} only ${room}. ` +
            `Form at least ${count(teams, 'team', 'teams')}, or raise the maximum size to ${size}.`;
    }
    case 'organisation-too-large': {
      const name = nameOf(reason.organisation);
      const { people, teamCount } = reason;
      return fr
        ? `${name} a ${people} participants sélectionnés mais ${teamCount === 1 ? "il n'y a qu'une équipe" : `il n'y a que ${teamCount} équipes`} : deux collègues se retrouveraient ensemble. ` +
            `Formez au moins ${people} équipes, ou retenez au plus ${count(teamCount, 'personne', 'personnes')} de ${name}.`
        : `${name} has ${people} selected participants but ${teamCount === 1 ? 'there is only 1 team' : `there are only ${teamCount} teams`}, so two colleagues would share a team. ` +
            `Form at least ${people} teams, or select at most ${count(teamCount, 'person', 'people')} from ${name}.`;
    }
    case 'locked-twice': {
      const [a, b] = reason.teams;
      return fr
        ? `${reason.person} est verrouillé·e dans deux équipes : ${lockedTeam(a)} et ${lockedTeam(b)}.`
        : `${reason.person} is locked in two teams: ${lockedTeam(a)} and ${lockedTeam(b)}.`;
    }
    case 'team-over-locked':
      return fr
        ? `${reason.locked} personnes sont verrouillées dans ${lockedTeam(reason.team)}, mais une équipe compte au plus ${reason.maxSize} personnes.`
        : `${reason.locked} people are locked in ${lockedTeam(reason.team)}, but a team holds at most ${reason.maxSize}.`;
    case 'colleagues-locked-together': {
      const [a, b] = reason.people;
      const name = nameOf(reason.organisation);
      return fr
        ? `${a} et ${b}, tous deux de ${name}, sont verrouillés dans ${lockedTeam(reason.team)} : des collègues ne peuvent pas être dans la même équipe.`
        : `${a} and ${b}, both from ${name}, are locked in ${lockedTeam(reason.team)}: colleagues cannot share a team.`;
    }
    case 'apart-locked-together': {
      const [a, b] = reason.people;
      return fr
        ? `${a} et ${b} doivent être séparés mais sont verrouillés tous les deux dans ${lockedTeam(reason.team)}.`
        : `${a} and ${b} must be kept apart but are both locked in ${lockedTeam(reason.team)}.`;
    }
    case 'too-few-facilitators':
      return fr
        ? `Chaque équipe est suivie par deux animateurs différents : il en faut au moins 2, et ${reason.facilitators} seul est déclaré.`
        : `Each team is followed by two different facilitators: at least 2 are needed, and only ${reason.facilitators} is listed.`;
    case 'no-team-for-person': {
      const name = nameOf(reason.organisation);
      return fr
        ? `Aucune équipe ne peut accueillir ${reason.person} (${name}) sans y mettre un collègue de la même organisation, une personne à séparer ou une personne de trop, même en déplaçant d'autres participants. ` +
            `Une répartition existe peut-être, mais le moteur n'en a pas trouvé : retirez un verrou ou une paire à séparer, ou ajoutez une équipe.`
        : `No team can take ${reason.person} (${name}) without a colleague from the same organisation, someone to keep apart or one person too many, even after moving other participants. ` +
            `A formation may exist, but the engine found none: remove a lock or an "apart" pair, or add a team.`;
    }
    case 'team-too-small':
      return fr
        ? `L'équipe ${reason.team + 1} n'a que ${reason.size} personnes (minimum ${reason.minSize}) : celles qui pourraient la rejoindre sont verrouillées ailleurs, collègues ou à séparer de ses membres. ` +
            `Une répartition existe peut-être, mais le moteur n'en a pas trouvé : retirez un verrou ou une paire à séparer, ou abaissez la taille minimale.`
        : `Team ${reason.team + 1} has only ${reason.size} people (minimum ${reason.minSize}): those who could join it are locked elsewhere, colleagues or to be kept apart from its members. ` +
            `A formation may exist, but the engine found none: remove a lock or an "apart" pair, or lower the minimum size.`;
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
