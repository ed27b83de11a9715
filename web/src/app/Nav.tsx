import { Link, usePath } from './router';
import { ROUTES } from './routes';
import type { Role } from './roles';

/** The pages this role may open, from the route table; the vendor keeps its own plain view. */
export function Nav({ role }: { role: Role }) {
  const path = usePath();
  if (role === 'vendor') return null;
  const items = ROUTES.filter((route) => route.label && route.roles.includes(role));
  return (
    <nav className="site-nav" aria-label="Main">
      <ul>
        {items.map((item) => (
          <li key={item.path}>
            <Link to={item.path} current={item.path === '/' ? path === '/' : path.startsWith(item.path)}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
