/** Teams of about six, as in the 2023 edition (about 50 people in six teams) and the 2022 hackathon. */
export const TARGET_TEAM_SIZE = 6;

/**
 * How many teams and which size bounds for these participants: about six per team, never fewer
 * teams than the largest organisation has people (nobody works with a colleague), sizes as even
 * as the count allows.
 */
export function planTeamSizes(
  participantCount: number,
  largestOrganisation: number,
): { teamCount: number; minSize: number; maxSize: number } {
  const teamCount = Math.max(
    1,
    largestOrganisation,
    Math.round(participantCount / TARGET_TEAM_SIZE),
  );
  return {
    teamCount,
    minSize: Math.max(1, Math.floor(participantCount / teamCount)),
    maxSize: Math.max(1, Math.ceil(participantCount / teamCount)),
  };
}
