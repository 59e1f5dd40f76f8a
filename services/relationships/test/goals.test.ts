/* eslint-disable @typescript-eslint/no-explicit-any */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack, testDatabaseUrl } from '@tandem/testkit';
import { relationships } from '../src/service';
import { eventsFor, ok, startRelationship } from './fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ databaseUrl: testDatabaseUrl(), services: [relationships] });
});
afterAll(async () => {
  await stack?.stop();
});

const CREATE = `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { goal { id status title measure target dueOn } errors { field code message } } }`;
const smart = (over: Record<string, unknown> = {}) => ({
  title: 'Lead a discussion panel',
  specific: 'Chair one discussion panel at work',
  measure: 'panels chaired',
  target: '1',
  attainable: 'My employer runs monthly panels',
  relevant: 'Moving from a technical to a managerial role',
  dueOn: '2099-12-31',
  ...over,
});

describe('SMART goals', () => {
  it('should read what one mutation field wrote in the next, never from a loader filled before the write', async () => {
    const pair = await startRelationship(stack);
    const goalId = (await ok(stack, CREATE, { id: pair.id, input: smart() }, pair.mentee)).createGoal.goal.id;
    const ADD = (alias: string, title: string) =>
      `${alias}: addMilestone(goalId: $g, title: "${title}", dueOn: "2099-0${alias === 'a' ? 3 : 6}-01") {
        errors { code } goal { milestones { title } } }`;
    // both fields in one request to the subgraph, which runs them one after the other
    const res = await stack.subgraph<any>(
      'relationships',
      `mutation ($g: ID!) { ${ADD('a', 'First step')} ${ADD('b', 'Second step')} }`,
      { g: goalId },
      { as: pair.mentee },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.a.goal.milestones.map((m: any) => m.title)).toEqual(['First step']);
    expect(res.data.b.goal.milestones.map((m: any) => m.title)).toEqual(['First step', 'Second step']);
  });

  it('should list goals with their milestones by due date, in the statement that reads the goals', async () => {
    const pair = await startRelationship(stack);
    const first = (await ok(stack, CREATE, { id: pair.id, input: smart({ title: 'First' }) }, pair.mentee)).createGoal
      .goal.id;
    await ok(stack, CREATE, { id: pair.id, input: smart({ title: 'Without milestones' }) }, pair.mentee);
    const third = (await ok(stack, CREATE, { id: pair.id, input: smart({ title: 'Third' }) }, pair.mentee)).createGoal
      .goal.id;
    for (const [g, title, dueOn] of [
      [first, 'Later', '2099-09-01'],
      [first, 'Sooner', '2099-03-01'],
      [third, 'Only', '2099-05-01'],
    ])
      await ok(
        stack,
        `mutation ($g: ID!, $t: String!, $d: LocalDate!) { addMilestone(goalId: $g, title: $t, dueOn: $d) { errors { code } } }`,
        { g, t: title, d: dueOn },
        pair.mentee,
      );
    const withMilestones = await stack.gql<any>(
      `query ($id: ID!) { relationship(id: $id) { goals { title milestones { title dueOn completedAt } } } }`,
      { id: pair.id },
      { as: pair.mentor },
    );
    expect(withMilestones.errors).toBeUndefined();
    expect(withMilestones.data.relationship.goals).toEqual([
      {
        title: 'First',
        milestones: [
          { title: 'Sooner', dueOn: '2099-03-01', completedAt: null },
          { title: 'Later', dueOn: '2099-09-01', completedAt: null },
        ],
      },
      { title: 'Without milestones', milestones: [] },
      { title: 'Third', milestones: [{ title: 'Only', dueOn: '2099-05-01', completedAt: null }] },
    ]);
    const goalsOnly = await stack.gql<any>(
      `query ($id: ID!) { relationship(id: $id) { goals { title } } }`,
      { id: pair.id },
      { as: pair.mentor },
    );
    expect(withMilestones.sqlStatements).toEqual(goalsOnly.sqlStatements);
  });

  it('should require every SMART part and say which field is missing or wrong', async () => {
    const pair = await startRelationship(stack);
    const res = await ok(stack, CREATE, { id: pair.id, input: { title: 'x', dueOn: '2001-01-01' } }, pair.mentee);
    expect(res.createGoal.goal).toBeNull();
    expect(res.createGoal.errors.map((e: any) => `${e.field}:${e.code}`).sort()).toEqual([
      'input.attainable:REQUIRED',
      'input.dueOn:IN_THE_PAST',
      'input.measure:REQUIRED',
      'input.relevant:REQUIRED',
      'input.specific:REQUIRED',
      'input.target:REQUIRED',
    ]);
    const noDue = await ok(stack, CREATE, { id: pair.id, input: smart({ dueOn: null }) }, pair.mentee);
    expect(noDue.createGoal.errors).toMatchObject([{ field: 'input.dueOn', code: 'REQUIRED' }]);
  });

  it('should track milestones and progress updates and publish GoalAchieved once, then refuse changes to a closed goal', async () => {
    const pair = await startRelationship(stack);
    const created = await ok(stack, CREATE, { id: pair.id, input: smart() }, pair.mentee);
    const goalId = created.createGoal.goal.id;
    expect(created.createGoal.goal).toMatchObject({
      status: 'OPEN',
      measure: 'panels chaired',
      target: '1',
      dueOn: '2099-12-31',
    });
    await ok(
      stack,
      `mutation ($g: ID!) { addMilestone(goalId: $g, title: "Ask my manager", dueOn: "2099-06-01") { errors { code } } }`,
      { g: goalId },
      pair.mentee,
    );
    const progress = await ok(
      stack,
      `mutation ($g: ID!) { recordGoalProgress(goalId: $g, note: "Manager agreed", value: "0") { errors { code } } }`,
      { g: goalId },
      pair.mentor,
    );
    expect(progress.recordGoalProgress.errors).toEqual([]);
    const READ = `query ($id: ID!) { relationship(id: $id) { goals { id status achievedAt milestones { id title dueOn completedAt } progressUpdates { note value author { id } } } } }`;
    let read = await ok(stack, READ, { id: pair.id }, pair.coach);
    expect(read.relationship.goals[0].milestones).toMatchObject([
      { title: 'Ask my manager', dueOn: '2099-06-01', completedAt: null },
    ]);
    expect(read.relationship.goals[0].progressUpdates).toEqual([
      { note: 'Manager agreed', value: '0', author: { id: pair.mentorId } },
    ]);
    const ms = read.relationship.goals[0].milestones[0].id;
    await ok(
      stack,
      `mutation ($m: ID!) { completeMilestone(milestoneId: $m) { errors { code } } }`,
      { m: ms },
      pair.mentee,
    );

    const achieved = await ok(
      stack,
      `mutation ($g: ID!) { achieveGoal(goalId: $g) { goal { status } errors { code } } }`,
      { g: goalId },
      pair.mentee,
    );
    expect(achieved.achieveGoal).toEqual({ goal: { status: 'ACHIEVED' }, errors: [] });
    const again = await ok(
      stack,
      `mutation ($g: ID!) { achieveGoal(goalId: $g) { errors { field code } } }`,
      { g: goalId },
      pair.mentor,
    );
    expect(again.achieveGoal.errors).toEqual([{ field: 'goalId', code: 'NOT_OPEN' }]);
    const drop = await ok(
      stack,
      `mutation ($g: ID!) { dropGoal(goalId: $g, reason: "no") { errors { code } } }`,
      { g: goalId },
      pair.mentor,
    );
    expect(drop.dropGoal.errors[0].code).toBe('NOT_OPEN');
    read = await ok(stack, READ, { id: pair.id }, pair.mentee);
    expect(read.relationship.goals[0].milestones[0].completedAt).not.toBeNull();
    const events = await eventsFor(stack, 'GoalAchieved', pair.id);
    expect(events.map((e) => e.payload.goalId)).toEqual([goalId]);

    // coaches read goals but do not change them
    const coach = await stack.gql(
      `mutation ($id: ID!, $input: SmartGoalInput!) { createGoal(relationshipId: $id, input: $input) { errors { code } } }`,
      { id: pair.id, input: smart() },
      { as: pair.coach },
    );
    expect(coach.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('should drop a goal with a reason', async () => {
    const pair = await startRelationship(stack);
    const { createGoal } = await ok(stack, CREATE, { id: pair.id, input: smart() }, pair.mentor);
    const noReason = await ok(
      stack,
      `mutation ($g: ID!) { dropGoal(goalId: $g, reason: " ") { errors { field code } } }`,
      { g: createGoal.goal.id },
      pair.mentee,
    );
    expect(noReason.dropGoal.errors).toEqual([{ field: 'reason', code: 'REQUIRED' }]);
    const dropped = await ok(
      stack,
      `mutation ($g: ID!) { dropGoal(goalId: $g, reason: "Changed direction") { goal { status dropReason } errors { code } } }`,
      { g: createGoal.goal.id },
      pair.mentee,
    );
    expect(dropped.dropGoal.goal).toEqual({ status: 'DROPPED', dropReason: 'Changed direction' });
  });

  it('should save the action plan with goals in priority order and typed learning activities', async () => {
    const pair = await startRelationship(stack);
    const SAVE = `mutation ($id: ID!, $input: ActionPlanInput!) { saveActionPlan(relationshipId: $id, input: $input) {
      actionPlan { goals { priority goal objectives targetDate activities { type description resources targetDate } } updatedBy { id } } errors { field code } } }`;
    const bad = await ok(
      stack,
      SAVE,
      { id: pair.id, input: { goals: [{ goal: 'Leadership', objectives: [], activities: [] }] } },
      pair.mentee,
    );
    expect(bad.saveActionPlan.errors.map((e: any) => e.field).sort()).toEqual([
      'input.goals.0.activities',
      'input.goals.0.objectives',
    ]);
    const saved = await ok(
      stack,
      SAVE,
      {
        id: pair.id,
        input: {
          goals: [
            {
              goal: 'Build leadership skills',
              objectives: ['Self-evaluate', 'Find opportunities'],
              targetDate: '2026-09-30',
              activities: [
                {
                  type: 'STRETCH_ASSIGNMENT',
                  description: 'Job-shadow the chapter chair',
                  resources: 'OACETT chapter',
                  targetDate: '2026-08-31',
                },
                { type: 'LEARNING_FROM_OTHERS', description: 'Discuss with management students' },
              ],
            },
            {
              goal: 'Management training',
              objectives: ['Choose a course'],
              activities: [{ type: 'LEARNING_BY_DOING', description: 'Register for CSM' }],
            },
          ],
        },
      },
      pair.mentee,
    );
    expect(saved.saveActionPlan.errors).toEqual([]);
    const plan = (
      await ok(
        stack,
        `query ($id: ID!) { relationship(id: $id) { actionPlan { goals { priority goal activities { type resources } } } } }`,
        { id: pair.id },
        pair.mentor,
      )
    ).relationship.actionPlan;
    expect(plan.goals.map((g: any) => [g.priority, g.goal])).toEqual([
      [1, 'Build leadership skills'],
      [2, 'Management training'],
    ]);
    expect(plan.goals[0].activities).toEqual([
      { type: 'STRETCH_ASSIGNMENT', resources: 'OACETT chapter' },
      { type: 'LEARNING_FROM_OTHERS', resources: null },
    ]);
  });
  it('should keep an effort estimate per activity, with its unit or not at all', async () => {
    const pair = await startRelationship(stack);
    const SAVE = `mutation ($id: ID!, $input: ActionPlanInput!) { saveActionPlan(relationshipId: $id, input: $input) {
      actionPlan { goals { activities { description effortAmount effortUnit } } } errors { field code } } }`;
    const plan = (activities: unknown[]) => ({
      id: pair.id,
      input: { goals: [{ goal: 'Present at a conference', objectives: ['Write the talk'], activities }] },
    });
    const bad = await ok(
      stack,
      SAVE,
      plan([
        { type: 'LEARNING_BY_DOING', description: 'Draft', effortAmount: 3 },
        { type: 'LEARNING_BY_DOING', description: 'Rehearse', effortUnit: 'HOURS' },
        { type: 'LEARNING_BY_DOING', description: 'Travel', effortAmount: 0, effortUnit: 'DAYS' },
      ]),
      pair.mentee,
    );
    expect(bad.saveActionPlan.actionPlan).toBeNull();
    expect(bad.saveActionPlan.errors.map((e: any) => `${e.field}:${e.code}`)).toEqual([
      'input.goals.0.activities.0.effortUnit:REQUIRED',
      'input.goals.0.activities.1.effortAmount:REQUIRED',
      'input.goals.0.activities.2.effortAmount:OUT_OF_RANGE',
    ]);
    const saved = await ok(
      stack,
      SAVE,
      plan([
        { type: 'LEARNING_BY_DOING', description: 'Draft', effortAmount: 1.5, effortUnit: 'WEEKS' },
        { type: 'LEARNING_FROM_OTHERS', description: 'Ask a speaker' },
      ]),
      pair.mentee,
    );
    expect(saved.saveActionPlan.errors).toEqual([]);
    expect(saved.saveActionPlan.actionPlan.goals[0].activities).toEqual([
      { description: 'Draft', effortAmount: 1.5, effortUnit: 'WEEKS' },
      { description: 'Ask a speaker', effortAmount: null, effortUnit: null },
    ]);
  });
});
