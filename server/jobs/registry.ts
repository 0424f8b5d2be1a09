// Every recurring task the scheduler runs. Add a task here with one line.
import type { RecurringTask } from "./task.ts";
import { payoutsTask } from "../payouts/task.ts";

export const recurringTasks: RecurringTask[] = [payoutsTask];
