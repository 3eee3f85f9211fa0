// Runs one execution of a state machine with aws-local-stepfunctions, then every execution it starts with
// arn:aws:states:::states:startExecution (continue-as-new), one after another, as Step Functions would run them.
// Lambda tasks go to the Lambda endpoint in AWS_ENDPOINT_URL_LAMBDA (the library's own Lambda client).
//
// Usage: node run-executions.mjs job.json > result.json
// job.json: {definition, stateMachineArn, name, input, waitTimeOverrides, retryIntervalOverrides, maxExecutions}
// result:   {executions: [{name, arn, status, output, error, cause, events: [{type, state, stateType, error}]}]}
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const START_EXECUTION = 'arn:aws:states:::states:startExecution';
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const machine = new StateMachine(job.definition);
const executionArnPrefix = job.stateMachineArn.replace(':stateMachine:', ':execution:') + ':';

// Every startExecution task (non-.sync: it answers at once) queues the execution it asks for.
const startExecutionStates = Object.entries(job.definition.States)
  .filter(([, state]) => state.Type === 'Task' && state.Resource === START_EXECUTION)
  .map(([name]) => name);

const executions = [];
const usedNames = new Set();
let next = { name: job.name, input: job.input };
while (next && executions.length < (job.maxExecutions ?? 50)) {
  const current = next;
  next = null;
  usedNames.add(current.name);
  const arn = executionArnPrefix + current.name;
  const startTime = new Date().toISOString();
  const taskResourceLocalHandlers = {};
  for (const state of startExecutionStates) {
    taskResourceLocalHandlers[state] = async (parameters) => {
      if (parameters.StateMachineArn !== job.stateMachineArn) {
        throw Object.assign(new Error(`only ${job.stateMachineArn} runs here, not ${parameters.StateMachineArn}`),
          { name: 'StepFunctions.StateMachineDoesNotExistException' });
      }
      if (usedNames.has(parameters.Name)) {
        throw Object.assign(new Error(`Execution ${parameters.Name} already exists`),
          { name: 'StepFunctions.ExecutionAlreadyExistsException' });
      }
      next = { name: parameters.Name, input: parameters.Input };
      return { ExecutionArn: executionArnPrefix + parameters.Name, StartDate: new Date().toISOString() };
    };
  }
  const run = machine.run(current.input, {
    overrides: {
      taskResourceLocalHandlers,
      waitTimeOverrides: job.waitTimeOverrides ?? {},
      retryIntervalOverrides: job.retryIntervalOverrides ?? {},
    },
    context: {
      Execution: { Id: arn, Name: current.name, Input: current.input, StartTime: startTime },
      StateMachine: { Id: job.stateMachineArn, Name: job.stateMachineArn.split(':').pop() },
    },
  });
  const result = { name: current.name, arn, status: 'SUCCEEDED', output: null, error: null, cause: null, events: [] };
  try {
    result.output = await run.result;
  } catch (e) {
    // The library wraps what ended the execution (a Fail state, an uncaught task error) in an ExecutionError.
    const failure = e.name === 'ExecutionError' && e.cause ? e.cause : e;
    result.status = 'FAILED';
    result.error = failure.name;
    // As in Step Functions: a Fail state's cause as it is; a Lambda function's error as its JSON payload.
    result.cause = typeof failure.cause === 'object' && failure.cause !== null ? JSON.stringify(failure.cause)
      : (failure.cause ?? failure.message);
  }
  for await (const event of run.eventLogs) {
    result.events.push({ type: event.type, state: event.state?.name ?? null, stateType: event.state?.type ?? null,
      error: event.Error ?? null });
  }
  executions.push(result);
}
process.stdout.write(JSON.stringify({ executions }));
