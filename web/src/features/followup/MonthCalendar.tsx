import { Link } from '../../app/router';
import { isoDay, itemLink, KIND_WORDS, type ScheduleItem } from './schedule';

const WEEKDAYS = [
  ['Mon', 'Monday'],
  ['Tue', 'Tuesday'],
  ['Wed', 'Wednesday'],
  ['Thu', 'Thursday'],
  ['Fri', 'Friday'],
  ['Sat', 'Saturday'],
  ['Sun', 'Sunday'],
];

/** Weeks of the month, Monday first, with null for the days of the neighbouring months. */
function weeksOf(year: number, month: number): (string | null)[][] {
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: days }, (_, i) => isoDay(new Date(Date.UTC(year, month, i + 1))))];
  while (cells.length % 7) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
}

/** A month as a table of days; each day lists what falls due on it, as links. */
export function MonthCalendar({ year, month, items, title }: { year: number; month: number; items: ScheduleItem[]; title: string }) {
  return (
    <table className="calendar">
      <caption>{title}</caption>
      <thead>
        <tr>
          {WEEKDAYS.map(([short, long]) => (
            <th key={short} scope="col">
              <abbr title={long}>{short}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeksOf(year, month).map((week) => (
          <tr key={week.find(Boolean)}>
            {week.map((day, i) => (
              <td key={day ?? `blank-${i}`} className={day ? undefined : 'blank'}>
                {day && <DayCell day={day} items={items.filter((item) => item.date === day)} />}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayCell({ day, items }: { day: string; items: ScheduleItem[] }) {
  return (
    <>
      <span className="day-number">{Number(day.slice(8))}</span>
      {items.length > 0 && (
        <ul>
          {items.map((item) => {
            const to = itemLink(item);
            // On a narrow screen the title is left to screen readers; the list above the calendar shows it.
            const words = (
              <>
                {KIND_WORDS[item.kind]}
                <span className="item-title">: {item.title}</span>
              </>
            );
            return (
              <li key={`${item.kind}:${item.id}`} className={item.overdue ? 'overdue' : undefined}>
                {to ? <Link to={to}>{words}</Link> : words}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
