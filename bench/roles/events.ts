/** What a role can tell the parent before its report: the moment of the first answer, for cold start. */
export interface WorkerEvents {
  answered(): void;
}
