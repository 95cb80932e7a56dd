/** The measures search is held to, shared by training, `npm run eval:search` and the tests. */
export interface Judged {
  /** The articles that answer the message (empty: nothing should be offered, unless it is vague). */
  want: readonly string[];
  /** On topic, but no one article answers it: offering a few is right, answering one is not. */
  vague?: boolean;
  /** The ids offered, best first (empty when search said "none"). */
  got: readonly string[];
  sure: boolean;
  /** Answered with the first result and the next ones offered (not sure, but likely right). */
  likely?: boolean;
  probability: number;
}

export interface SearchMeasures {
  questions: number;
  top1: number;
  top3: number;
  /** Share of answerable questions search was sure about, and how often it was right then. */
  sureRate: number;
  rightWhenSure: number;
  /** Share of answerable questions answered as likely, and how often the answer was right then. */
  likelyRate: number;
  rightWhenLikely: number;
  offTopic: number;
  /** Share of unanswerable messages given any article at all. */
  offTopicMatched: number;
  /** Share of unanswerable messages answered with an article (sure or likely), not just offered one. */
  offTopicAnswered: number;
  vague: number;
  /** Share of vague messages answered with one article (sure or likely) instead of asked about. */
  vagueAnswered: number;
}

export function measure(judged: readonly Judged[]): SearchMeasures {
  const onTopic = judged.filter((j) => j.want.length);
  const offTopic = judged.filter((j) => !j.want.length && !j.vague);
  const vague = judged.filter((j) => j.vague);
  const share = (n: number, of: number) => (of ? n / of : 0);
  const right = (j: Judged, k: number) => j.got.slice(0, k).some((id) => j.want.includes(id));
  // Every message answered counts, so an off-topic or vague one answered is a wrong answer.
  const sure = judged.filter((j) => j.sure);
  const likely = judged.filter((j) => j.likely);
  return {
    questions: onTopic.length,
    top1: share(onTopic.filter((j) => right(j, 1)).length, onTopic.length),
    top3: share(onTopic.filter((j) => right(j, 3)).length, onTopic.length),
    sureRate: share(onTopic.filter((j) => j.sure).length, onTopic.length),
    rightWhenSure: sure.length ? share(sure.filter((j) => right(j, 1)).length, sure.length) : 1,
    likelyRate: share(onTopic.filter((j) => j.likely).length, onTopic.length),
    rightWhenLikely: likely.length ? share(likely.filter((j) => right(j, 1)).length, likely.length) : 1,
    offTopic: offTopic.length,
    offTopicMatched: share(offTopic.filter((j) => j.got.length).length, offTopic.length),
    offTopicAnswered: share(offTopic.filter((j) => j.sure || j.likely).length, offTopic.length),
    vague: vague.length,
    vagueAnswered: share(vague.filter((j) => j.sure || j.likely).length, vague.length),
  };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanProbability: number;
  accuracy: number;
}

/** Predicted probability against how often the first result was right, in bins (answerable questions only). */
export function reliability(judged: readonly Judged[], edges = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98, 1.0001]): ReliabilityBin[] {
  const onTopic = judged.filter((j) => j.want.length && j.got.length);
  return edges.slice(1).map((to, i) => {
    const from = edges[i];
    const inBin = onTopic.filter((j) => j.probability >= from && j.probability < to);
    const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
    return {
      from,
      to: Math.min(1, to),
      count: inBin.length,
      meanProbability: mean(inBin.map((j) => j.probability)),
      accuracy: mean(inBin.map((j) => (j.want.includes(j.got[0]) ? 1 : 0))),
    };
  });
}

export function formatMeasures(name: string, m: SearchMeasures): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return `${name}: ${m.questions} questions, top-1 ${pct(m.top1)}, top-3 ${pct(m.top3)}, sure ${pct(m.sureRate)}, right when sure ${pct(m.rightWhenSure)}, likely ${pct(m.likelyRate)}, right when likely ${pct(m.rightWhenLikely)}, answered ${pct(m.sureRate + m.likelyRate)}; ${m.offTopic} off-topic, matched by mistake ${pct(m.offTopicMatched)}, answered ${pct(m.offTopicAnswered)}${m.vague ? `; ${m.vague} vague, answered ${pct(m.vagueAnswered)}` : ''}`;
}

export function formatReliability(bins: readonly ReliabilityBin[]): string {
  const rows = bins.map((b) => `  ${b.from.toFixed(2)}–${b.to.toFixed(2)}  ${String(b.count).padStart(4)}  ${b.meanProbability.toFixed(3)}  ${b.count ? b.accuracy.toFixed(3) : '  –  '}`);
  return ['  probability  count  mean p  right', ...rows].join('\n');
}
