// Records keep who acted as a login ("officer"); people read names. The directory is loaded once per
// page load and shared by every page that names someone.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnswerOf, client, ok } from './api.ts';

/** Actors that are not accounts: the demo loader, the server's own jobs, the public site. */
const NOT_PEOPLE: Record<string, string> = {
  demo: 'Demo data',
  system: 'System',
  server: 'Server (scheduled)',
  public: 'The public',
};

/** A person of the directory: login, name and unit. */
export type Person = AnswerOf<'/api/people'>[number];

let directory: Promise<Person[]> | undefined;

function loadDirectory(): Promise<Person[]> {
  directory ??= ok(client.GET('/api/people')).catch(() => {
    directory = undefined; // try again next time rather than name nobody for the rest of the visit
    return [];
  });
  return directory;
}

/** The directory (undefined while loading): for choosing people by name. */
export function usePeople(): Person[] | undefined {
  const [people, setPeople] = useState<Person[]>();
  useEffect(() => {
    let current = true;
    void loadDirectory().then((p) => current && setPeople(p));
    return () => {
      current = false;
    };
  }, []);
  return people;
}

/** `nameOf(login)`: the person's name, a label for the system's own actors, or the login while loading. */
export function useNameOf(): (login: string | null | undefined) => string {
  const { t } = useTranslation();
  const people = usePeople();
  const names = useMemo(() => new Map(people?.map((p) => [p.username, p.displayName])), [people]);
  return useCallback(
    (login) => {
      if (!login) return '—';
      const label = NOT_PEOPLE[login];
      return names.get(login) ?? (label ? t(label) : login);
    },
    [names, t],
  );
}
