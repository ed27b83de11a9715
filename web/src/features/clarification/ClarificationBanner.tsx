import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { keys } from '../../api/keys';
import { formatDateTime } from '../../ui/format';
import { questionAnchor } from '../questionnaire/model';

/** The reviewer's open request on top of the page, with links to the questions it reopened. */
export function ClarificationBanner({ assessmentId }: { assessmentId: string }) {
  const clarifications = useQuery({
    queryKey: keys.clarifications(assessmentId),
    queryFn: () => call(api.GET('/api/v1/assessments/{id}/clarifications', { params: { path: { id: assessmentId } } })),
  });
  const open = clarifications.data?.items.filter((item) => item.answeredAt === null) ?? [];
  if (open.length === 0) return null;
  return (
    <section className="clarification" aria-labelledby="clarification-heading">
      <h2 id="clarification-heading">The reviewer asks for more</h2>
      {open.map((item) => (
        <div key={item.id}>
          <blockquote>{item.message}</blockquote>
          <p className="hint">Sent {formatDateTime(item.createdAt)}. Only the questions below can change; the others are locked.</p>
          <ul>
            {item.questionIds.map((id) => (
              <li key={id}>
                <a href={`#${questionAnchor(id)}`}>{id}</a>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
