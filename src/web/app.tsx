import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { WallPage } from './pages/wall.tsx';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/notes.tsx';
import { ClaimClearancePage } from './pages/claim-clearance.tsx';
import { DashboardPage } from './pages/dashboard.tsx';
import { FugitiveCasePage } from './pages/fugitive-case.tsx';
import { ImportPage } from './pages/import.tsx';
import { IntegrityPage } from './pages/integrity.tsx';
import { LeaderPage } from './pages/leader.tsx';
import { LeadersPage } from './pages/leaders.tsx';
import { LettersPage } from './pages/letters.tsx';
import { LoginPage } from './pages/login.tsx';
import { PublicityPage } from './pages/publicity.tsx';
import { RegistryPage } from './pages/registry.tsx';
import { NewListingPage } from './pages/new-listing.tsx';
import { TipPage, TipsPage } from './pages/tips.tsx';
import { VerificationQueuePage } from './pages/verification-queue.tsx';
import { AssessmentPage } from './pages/assessment.tsx';
import { ServiceAccountsPage } from './pages/service-accounts.tsx';
import { BulletinsPage } from './pages/bulletins.tsx';
import { ReturnsPage } from './pages/returns.tsx';
import { LedgerPage } from './pages/ledger.tsx';
import { SanctionsPage } from './pages/sanctions.tsx';
import { ReviewsPage } from './pages/reviews.tsx';
import { PersonMatchesPage } from './pages/person-matches.tsx';
import { ReconciliationPage } from './pages/reconciliation.tsx';
import { SupervisionPage } from './pages/supervision.tsx';
import { MeetingsPage } from './pages/meetings.tsx';
import { GuidancePage } from './pages/guidance.tsx';
import { RectificationPage } from './pages/rectification.tsx';
import { MeritsPage } from './pages/merits.tsx';
import { NotificationsPage } from './pages/notifications.tsx';
import { AccountPage } from './pages/account.tsx';
import { SessionProvider, useSession } from './session.tsx';

function SignedIn() {
  const { user, loading } = useSession();
  if (loading) return <Loading />;
  if (!user) return <LoginPage />;
  return (
    <Routes>
      {/* The wall has no header or menus: it is a screen of its own. */}
      <Route path="/wall" element={<WallPage />} />
      <Route path="*" element={<Sections />} />
    </Routes>
  );
}

function Sections() {
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/units/:code" element={<DashboardPage />} />
        <Route path="/import" element={<ImportPage />} />
        <Route path="/leaders" element={<LeadersPage />} />
        <Route path="/leaders/:username" element={<LeaderPage />} />
        <Route path="/letters" element={<LettersPage />} />
        <Route path="/registry" element={<RegistryPage />} />
        <Route path="/registry/new" element={<NewListingPage />} />
        <Route path="/fugitives/:listingNo" element={<FugitiveCasePage />} />
        <Route path="/fugitives/:listingNo/claim" element={<ClaimClearancePage />} />
        <Route path="/queue" element={<VerificationQueuePage />} />
        <Route path="/integrity" element={<IntegrityPage />} />
        <Route path="/person-matches" element={<PersonMatchesPage />} />
        <Route path="/reconciliation" element={<ReconciliationPage />} />
        <Route path="/publicity" element={<PublicityPage />} />
        <Route path="/tips" element={<TipsPage />} />
        <Route path="/tips/:id" element={<TipPage />} />
        <Route path="/ledger" element={<LedgerPage />} />
        <Route path="/sanctions" element={<SanctionsPage />} />
        <Route path="/reviews" element={<ReviewsPage />} />
        <Route path="/supervision" element={<SupervisionPage />} />
        <Route path="/bulletins" element={<BulletinsPage />} />
        <Route path="/returns" element={<ReturnsPage />} />
        <Route path="/assessment" element={<AssessmentPage />} />
        <Route path="/service-accounts" element={<ServiceAccountsPage />} />
        <Route path="/meetings" element={<MeetingsPage />} />
        <Route path="/guidance" element={<GuidancePage />} />
        <Route path="/rectification" element={<RectificationPage />} />
        <Route path="/merits" element={<MeritsPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Layout>
  );
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <SignedIn />
      </BrowserRouter>
    </SessionProvider>
  );
}
