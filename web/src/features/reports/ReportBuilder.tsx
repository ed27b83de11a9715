import { useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { formatBytes } from '../../ui/format';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { ProgressBar } from '../../ui/ProgressBar';

/** Builds the due-diligence PDF: a live progress bar while the worker builds it, then the download. */
export function ReportBuilder({ assessmentId }: { assessmentId: string }) {
  const build = useMutation({
    mutationFn: () => call(api.POST('/api/v1/assessments/{id}/reports', { params: { path: { id: assessmentId } } })),
  });
  const reportId = build.data?.id;
  const report = useQuery({
    queryKey: ['/api/v1/reports/{id}', reportId],
    queryFn: () => call(api.GET('/api/v1/reports/{id}', { params: { path: { id: reportId! } } })),
    enabled: reportId !== undefined,
    refetchInterval: (query) => (query.state.data && ['ready', 'failed'].includes(query.state.data.status) ? false : 500),
  });
  const status = report.data?.status;
  return (
    <section aria-labelledby="report-heading" className="panel">
      <h2 id="report-heading">Due-diligence report</h2>
      <button type="button" onClick={() => build.mutate()} disabled={build.isPending || status === 'queued' || status === 'building'}>
        Build report
      </button>
      <ProblemMessage error={build.error ?? report.error} />
      {report.data && status !== 'ready' && status !== 'failed' && (
        <div role="status">
          <ProgressBar label={status === 'queued' ? 'Report queued, percent done' : 'Building the report, percent done'} value={report.data.progress} max={100} />
        </div>
      )}
      {status === 'failed' && <p className="problem">The report could not be built: {report.data?.error}. Build it again.</p>}
      {status === 'ready' && report.data && (
        <p role="status">
          The report is ready:{' '}
          <a href={`/api/v1/reports/${encodeURIComponent(report.data.id)}/file`} download>
            Download the report (PDF, {formatBytes(report.data.size ?? 0)}, {report.data.pageCount} pages)
          </a>
        </p>
      )}
    </section>
  );
}
