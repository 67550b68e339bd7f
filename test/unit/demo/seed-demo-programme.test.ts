import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProgrammeYaml } from '../../../src/adapters/files/read-programme-yaml';
import { KNOWN_ORGANISATIONS } from '../../../src/catalogue/known-organisations';
import { createHolidayCalendar } from '../../../src/core/scheduling/holiday-calendars';
import { isWorkingDay } from '../../../src/core/scheduling/local-days';
import { getCriteria } from '../../../src/core/selection/committee';
import {
  DEMO_PROGRAMME,
  seedDemoParticipants,
  seedDemoScores,
} from '../../../src/demo/seed-demo-programme';
import type { AuditEntry } from '../../../src/core/ports/audit-log';
import { InMemoryCandidacyStore, InMemoryScoreStore } from '../../support/candidacy-fakes';

describe('the demo edition', () => {
  it('puts every milestone on a working day in France (no hackathon on a Sunday)', () => {
    const france = createHolidayCalendar('FR');
    for (const [name, day] of Object.entries(DEMO_PROGRAMME.milestones)) {
      assert.ok(isWorkingDay(day, france), `${name} (${day}) is not a working day`);
    }
  });

  it('and every example edition likewise', () => {
    const france = createHolidayCalendar('FR');
    const folder = join(__dirname, '../../../examples');
    const files = readdirSync(folder).filter((name) => name.endsWith('.yml'));
    assert.ok(files.length >= 3);
    for (const file of files) {
      const result = readProgrammeYaml(
        readFileSync(join(folder, file), 'utf8'),
        KNOWN_ORGANISATIONS,
      );
      assert.ok(result.ok, file);
      for (const [name, day] of Object.entries(result.programme.milestones)) {
        assert.ok(isWorkingDay(day, france), `${file}: ${name} (${day}) is not a working day`);
      }
    }
  });

  it('keeps its milestones in the order of an edition, the hackathon lasting two days', () => {
    const m = DEMO_PROGRAMME.milestones;
    const order = [
      m.candidacyOpen,
      m.candidacyClose,
      m.selectionCommittee,
      m.kickOff,
      m.hackathonStart,
      m.hackathonEnd,
      m.followUpStart,
      m.decemberReview,
      m.marchReview,
      m.end,
    ];
    assert.deepEqual([...order].sort(), order);
    const days =
      (Date.parse(`${m.hackathonEnd}T00:00:00Z`) - Date.parse(`${m.hackathonStart}T00:00:00Z`)) /
      86_400_000;
    assert.equal(days, 1);
  });

  it('has a committee whose members all come from the programme’s organisations', () => {
    const known = new Set(DEMO_PROGRAMME.organisations.map((o) => o.id));
    assert.ok((DEMO_PROGRAMME.committee ?? []).length >= 2);
    for (const member of DEMO_PROGRAMME.committee ?? []) {
      assert.ok(known.has(member.organisationId), member.organisationId);
    }
  });

  it('has the committee and criteria of its example file, which the Playground runs import', () => {
    const folder = join(__dirname, '../../../examples');
    const result = readProgrammeYaml(
      readFileSync(join(folder, 'defi-du-lab-2026.yml'), 'utf8'),
      KNOWN_ORGANISATIONS,
    );
    assert.ok(result.ok);
    assert.deepEqual(result.programme.committee, DEMO_PROGRAMME.committee);
    assert.deepEqual(result.programme.criteria, DEMO_PROGRAMME.criteria);
  });

  describe('committee scores', () => {
    let audit: AuditEntry[];
    let candidacies: InMemoryCandidacyStore;
    let scores: InMemoryScoreStore;

    beforeEach(async () => {
      audit = [];
      candidacies = new InMemoryCandidacyStore(audit);
      scores = new InMemoryScoreStore(audit);
      await seedDemoParticipants(candidacies, new Date('2026-11-20T08:00:00Z'));
    });

    it('scores every selected person, never by a member of their own organisation', async () => {
      const written = await seedDemoScores({ candidacies, scores });
      const selected = await candidacies.list(DEMO_PROGRAMME.id);
      assert.equal(selected.length, 39);
      assert.equal(written, scores.scores.length);
      const committee = new Map((DEMO_PROGRAMME.committee ?? []).map((m) => [m.aadId, m]));
      const criteria = getCriteria(DEMO_PROGRAMME).map((c) => c.id);
      for (const candidacy of selected) {
        const own = scores.scores.filter((s) => s.candidacyId === candidacy.id);
        assert.ok(own.length >= 1, `${candidacy.id} has no score`);
        for (const score of own) {
          const member = committee.get(score.memberAadId);
          assert.ok(member !== undefined);
          assert.notEqual(member.organisationId, candidacy.organisationId);
          assert.deepEqual(Object.keys(score.values).sort(), [...criteria].sort());
          for (const value of Object.values(score.values)) assert.ok(value >= 1 && value <= 5);
          assert.ok(score.comment.length > 0);
          // Scored before the committee met, not on the day the demo was started.
          assert.ok(
            score.scoredAt.getTime() <
              Date.parse(`${DEMO_PROGRAMME.milestones.selectionCommittee}T00:00:00Z`),
          );
        }
      }
      // Every score has its audit entry, as a score given through the card has.
      assert.equal(audit.filter((e) => e.action === 'candidacy.score').length, written);
    });

    it('writes nothing the second time', async () => {
      const first = await seedDemoScores({ candidacies, scores });
      assert.ok(first > 0);
      assert.equal(await seedDemoScores({ candidacies, scores }), 0);
      assert.equal(scores.scores.length, first);
    });
  });
});
