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
      const needed = reason.teamCount * reason.minSize;
      const teams = Math.floor(reason.people / reason.minSize);
      const size = Math.floor(reason.people / reason.teamCount);
      return fr
        ? `${reason.people} participants pour ${reason.teamCount} équipes d'au moins ${reason.minSize} : il en faudrait au moins ${needed}. ` +
            `Formez au plus ${teams} équipes, ou abaissez la taille minimale à ${size}.`
        : `${reason.people} participants for ${reason.teamCount} teams of at least ${reason.minSize}: at least ${needed} are needed. ` +
            `Form at most ${teams} teams, or lower the minimum size to ${size}.`;
    }
    case 'too-many-people': {
      const room = reason.teamCount * reason.maxSize;
      const teams = Math.ceil(reason.people / reason.maxSize);
      const size = Math.ceil(reason.people / reason.teamCount);
      return fr
        ? `${reason.people} participants, mais ${reason.teamCount} équipes d'au plus ${reason.maxSize} n'en accueillent que ${room}. ` +
            `Formez au moins ${teams} équipes, ou relevez la taille maximale à ${size}.`
        : `${reason.people} participants, but ${reason.teamCount} teams of at most ${reason.maxSize} hold only ${room}. ` +
            `Form at least ${teams} teams, or raise the maximum size to ${size}.`;
    }
    case 'organisation-too-large': {
      const name = nameOf(reason.organisation);
      return fr
        ? `${name} a ${reason.people} participants sélectionnés mais il n'y a que ${reason.teamCount} équipes : deux collègues se retrouveraient ensemble. ` +
            `Formez au moins ${reason.people} équipes, ou retenez au plus ${reason.teamCount} personnes de ${name}.`
        : `${name} has ${reason.people} selected participants but there are only ${reason.teamCount} teams, so two colleagues would share a team. ` +
            `Form at least ${reason.people} teams, or select at most ${reason.teamCount} people from ${name}.`;
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
