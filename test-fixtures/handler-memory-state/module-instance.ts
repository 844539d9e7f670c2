import express from 'express';

/** An in-process job queue, created once below and shared by every request. */
class JobQueue {
  private readonly jobs: string[] = [];
  processed = 0;

  enqueue(job: string): void {
    this.jobs.push(job);
//  ^^^^^^^^^^^^^^ handler-memory-state(growingState): POST /jobs
  }
}

export const queue = new JobQueue();

/** Created per request: its fields are not shared. */
class Timer {
  private marks: number[] = [];
  mark(): void {
    this.marks.push(Date.now());
  }
}

const app = express();
app.post('/jobs', (req, res) => {
  const timer = new Timer();
  timer.mark();
  queue.enqueue(String(req.body.name));
  queue.processed += 1;
//^^^^^^^^^^^^^^^ handler-memory-state(counterState): POST /jobs
  res.status(202).end();
});
