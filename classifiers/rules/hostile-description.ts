// The hostile-description signal family lives in classifiers/hostile/ (it needs several modules);
// this re-export keeps every signal family reachable from classifiers/rules/.
export { hostileDescription } from '../hostile/hostile-description.ts';
