/** Health, metrics, the model in use, and retraining (admin). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.ts';

/** Registers the system and admin routes. */
export function systemRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/health', { schema: { tags: ['system'], summary: 'Liveness: the model version and store in use' } }, async () => ({
    status: 'ok',
    model: ctx.models.current.models.version,
    store: ctx.store.kind,
    uptimeSeconds: Math.round((Date.now() - ctx.startedAt.getTime()) / 1000),
  }));

  app.get('/api/metrics', { schema: { tags: ['system'], summary: 'Request counts and p50/p99 latency per route; store counts' } }, async () => ({
    routes: ctx.metrics.snapshot(),
    users: await ctx.store.countUsers(),
    appRatings: await ctx.store.countRatings(),
    memoryMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
  }));

  app.get('/api/model', { schema: { tags: ['system'], summary: 'The model in use, its held-out metrics, when it was trained, and retraining progress' } }, async () => {
    const recommender = ctx.models.current;
    const { version, trainedAt, dataset, metrics, description } = recommender.models;
    return {
      version, trainedAt, dataset, metrics, description,
      data: ctx.dataDescription,
      candidateIndex: { kind: recommender.candidateIndex.kind, size: recommender.candidateIndex.size },
      online: ctx.served.snapshot(),
      retraining: ctx.retrainer.status(),
      // Without the artifact path: open endpoints do not show the server's file system.
      history: (await ctx.store.listModels()).map(({ path: _path, ...record }) => record),
    };
  });

  app.get('/api/admin/retrain', { schema: { tags: ['admin'], summary: 'Progress of the background retraining' } }, async () => ctx.retrainer.status());

  app.post(
    '/api/admin/retrain',
    { schema: { tags: ['admin'], summary: 'Retrains in the background and swaps the new model in (admin token)', security: [{ bearer: [] }] } },
    async (request, reply) => {
      ctx.auth.requireAdmin(request);
      return reply.status(202).send(ctx.retrainer.start());
    },
  );
}
