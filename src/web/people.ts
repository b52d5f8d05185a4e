// Records keep who acted as a login ("officer"); people read names. The directory is loaded once per
// page load and shared by every page that names someone.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client, ok } from './api.ts';

/** Actors that are not accounts: the demo loader, the server's own jobs, the public site. */
const NOT_PEOPLE: Record<string, string> = {
  demo: 'Demo data',
  system: 'System',
  server: 'Server (scheduled)',
  public: 'The public',
};

let directory: Promise<Map<string, string>> | undefined;

function loadDirectory(): Promise<Map<string, string>> {
  directory ??= ok(client.GET('/api/people')).then(
    (people) => new Map(people.map((p) => [p.username, p.displayName])),
    () => {
      directory = undefined; // try again next time rather than name nobody for the rest of the visit
      return new Map<string, string>();
    },
  );
  return directory;
}

/** `nameOf(login)`: the person's name, a label for the system's own actors, or the login while loading. */
export function useNameOf(): (login: string | null | undefined) => string {
  const { t } = useTranslation();
  const [names, setNames] = useState<Map<string, string>>();
  useEffect(() => {
    let current = true;
    void loadDirectory().then((m) => current && setNames(m));
    return () => {
      current = false;
    };
  }, []);
  return useCallback(
    (login) => {
      if (!login) return '—';
      const label = NOT_PEOPLE[login];
      return names?.get(login) ?? (label ? t(label) : login);
    },
    [names, t],
  );
}
