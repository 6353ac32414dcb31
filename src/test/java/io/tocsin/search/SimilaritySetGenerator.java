package io.tocsin.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the labelled set of the similarity quality test (issue 18, "Shown by"): 300 synthetic past incidents in
 * 30 families, 10 per family (5 in English, 5 in German), each family one root cause told in different words:
 * each incident draws its summary, cause and fix from the family's phrasings, adds neutral sentences all families
 * share, and is on the family's service and alert source most of the time (not always: incidents are reported by
 * other teams' tools too), while several families share a service. Deterministic (fixed seed).
 * <p>
 * Run {@code main} to rewrite {@code src/test/resources/search/similarity-set.tsv}; the file is checked in and
 * {@code SimilarityQualityTest} reads it. Columns: id, family, language, service, alert source, summary, text.
 */
public final class SimilaritySetGenerator {

    static final String[] SERVICES = {"checkout-api", "payments", "search", "auth", "mail-relay", "cdn", "database",
            "message-queue", "mobile-backend", "reporting", "dns", "storage"};
    static final String[] SOURCES = {"prometheus-prod", "grafana-main", "pagerduty-bridge", "opsgenie-legacy",
            "datadog-hook", "heartbeat-jobs", "synthetic-checks", "cloudwatch", "customer-mail", "status-probe"};

    /**
     * Per family: service, source, then English summaries ; causes ; fixes, then German summaries ; causes ; fixes
     * (each list separated by {@code ;}, variants by {@code /}).
     */
    private static final String[][] FAMILIES = {
            {"0", "0", "Checkout requests time out waiting for a database connection/Orders fail because the connection pool is exhausted/Checkout API hangs, no free DB connections",
                    "The JDBC pool of checkout-api was capped at 10 connections and long transactions held them all/A connection leak in the order service kept connections open until the pool ran dry",
                    "Raised the pool size and restarted the checkout pods/Fixed the leaking transaction and recycled the connection pool",
                    "Bestellungen scheitern, der Checkout wartet auf eine Datenbankverbindung/Checkout-API hängt, der Connection-Pool ist erschöpft",
                    "Der JDBC-Pool des Checkout-Dienstes war auf 10 Verbindungen begrenzt, lange Transaktionen belegten alle/Ein Verbindungsleck im Bestelldienst hielt Verbindungen offen, bis der Pool leer war",
                    "Pool vergrößert und die Checkout-Pods neu gestartet/Das Leck behoben und den Connection-Pool neu aufgebaut"},
            {"5", "6", "Browsers show certificate warnings on the website/HTTPS handshake fails for all customers, TLS certificate expired",
                    "The TLS certificate on the CDN edge expired because the automatic renewal job had been failing silently/Certificate renewal via ACME broke after the DNS challenge record was removed",
                    "Issued a new certificate manually and deployed it to the edge/Repaired the ACME renewal and rotated the certificate",
                    "Browser zeigen Zertifikatswarnungen auf der Website/HTTPS-Handshake schlägt fehl, das TLS-Zertifikat ist abgelaufen",
                    "Das TLS-Zertifikat am CDN-Edge ist abgelaufen, weil die automatische Erneuerung seit Wochen still fehlschlug/Die ACME-Erneuerung brach ab, nachdem der DNS-Challenge-Eintrag entfernt wurde",
                    "Neues Zertifikat manuell ausgestellt und am Edge ausgerollt/ACME-Erneuerung repariert und das Zertifikat getauscht"},
            {"6", "0", "Primary database stops accepting writes, disk full/Writes fail with no space left on device on the database host",
                    "The WAL archive volume filled up because archiving to object storage was stuck/Old write-ahead log segments were never removed and filled the data disk",
                    "Freed disk space by removing archived WAL and extended the volume/Fixed WAL archiving and grew the data volume",
                    "Die primäre Datenbank nimmt keine Schreibzugriffe mehr an, Festplatte voll/Schreiben scheitert mit no space left on device auf dem Datenbank-Host",
                    "Das WAL-Archiv-Volume lief voll, weil die Archivierung in den Objektspeicher hing/Alte Write-Ahead-Log-Segmente wurden nie gelöscht und füllten die Datenplatte",
                    "Speicherplatz freigegeben, archivierte WAL gelöscht und das Volume vergrößert/WAL-Archivierung repariert und das Datenvolume erweitert"},
            {"1", "0", "Payment workers crash repeatedly with out of memory/Payments are delayed, worker pods killed by OOM",
                    "A memory leak in the payment worker cached every processed transaction in a map/Heap grew without bound after the new fraud-scoring library kept references",
                    "Rolled back the worker release and raised the memory limit temporarily/Patched the cache to evict entries and redeployed the workers",
                    "Zahlungs-Worker stürzen wiederholt mit Speichermangel ab/Zahlungen verzögert, Worker-Pods vom OOM-Killer beendet",
                    "Ein Speicherleck im Zahlungs-Worker legte jede verarbeitete Transaktion in einer Map ab/Der Heap wuchs unbegrenzt, weil die neue Betrugserkennungs-Bibliothek Referenzen hielt",
                    "Worker-Release zurückgerollt und das Speicherlimit vorübergehend erhöht/Cache mit Verdrängung gepatcht und die Worker neu ausgerollt"},
            {"10", "6", "Internal hostnames do not resolve/Services cannot find each other, DNS lookups fail with SERVFAIL",
                    "A change to the internal resolver configuration pointed forwarding at a decommissioned upstream/The resolver's forward zone was overwritten by configuration management with an empty server list",
                    "Restored the previous resolver configuration and flushed caches/Corrected the forward zone and restarted the resolvers",
                    "Interne Hostnamen werden nicht aufgelöst/Dienste finden sich nicht mehr, DNS-Abfragen scheitern mit SERVFAIL",
                    "Eine Änderung an der internen Resolver-Konfiguration leitete Anfragen an einen abgeschalteten Upstream weiter/Das Konfigurationsmanagement überschrieb die Forward-Zone des Resolvers mit einer leeren Serverliste",
                    "Vorherige Resolver-Konfiguration wiederhergestellt und Caches geleert/Forward-Zone korrigiert und die Resolver neu gestartet"},
            {"7", "1", "Order events pile up, consumers lag behind by hours/Message queue backlog grows, consumer lag alert firing",
                    "Consumers were stuck rebalancing after a broker restart because the session timeout was too short/A poison message made the consumer group retry the same offset forever",
                    "Increased the session timeout and restarted the consumer group/Skipped the poison message to the dead letter topic and resumed consumption",
                    "Bestellereignisse stauen sich, die Consumer hängen Stunden hinterher/Rückstau in der Message-Queue wächst, Alarm zum Consumer-Lag",
                    "Nach einem Broker-Neustart blieben die Consumer im Rebalancing, weil das Session-Timeout zu kurz war/Eine fehlerhafte Nachricht ließ die Consumer-Gruppe denselben Offset endlos wiederholen",
                    "Session-Timeout erhöht und die Consumer-Gruppe neu gestartet/Die fehlerhafte Nachricht in das Dead-Letter-Topic verschoben und den Verbrauch fortgesetzt"},
            {"0", "2", "Checkout shows an error page after the release/Customers cannot pay, checkout broken right after deployment",
                    "A feature flag for the new basket was enabled in production with a missing configuration value/The release shipped a config file with a wrong endpoint for the pricing service",
                    "Turned the feature flag off and redeployed the previous version/Rolled back the release and fixed the configuration",
                    "Der Checkout zeigt nach dem Release eine Fehlerseite/Kunden können nicht bezahlen, Checkout direkt nach dem Deployment kaputt",
                    "Ein Feature-Flag für den neuen Warenkorb wurde in Produktion mit fehlendem Konfigurationswert aktiviert/Das Release brachte eine Konfigurationsdatei mit falschem Endpunkt für den Preisdienst",
                    "Feature-Flag abgeschaltet und die vorige Version ausgerollt/Release zurückgerollt und die Konfiguration korrigiert"},
            {"1", "4", "Card payments declined by the provider/All payments rejected with authentication error from the payment gateway",
                    "The API key for the payment provider expired and nobody had the renewal reminder/The gateway credentials were rotated by the provider and our vault still held the old secret",
                    "Generated a new API key in the provider portal and updated the secret/Stored the rotated credentials in the vault and restarted the payment service",
                    "Kartenzahlungen werden vom Anbieter abgelehnt/Alle Zahlungen mit Authentifizierungsfehler vom Payment-Gateway zurückgewiesen",
                    "Der API-Schlüssel beim Zahlungsanbieter ist abgelaufen und niemand hatte die Erinnerung zur Erneuerung/Der Anbieter hat die Zugangsdaten rotiert, unser Vault enthielt noch das alte Secret",
                    "Neuen API-Schlüssel im Portal des Anbieters erzeugt und das Secret aktualisiert/Die neuen Zugangsdaten im Vault hinterlegt und den Zahlungsdienst neu gestartet"},
            {"2", "1", "Product search returns no results/Search shows empty pages for every query",
                    "The search index was corrupted after a node ran out of disk during a segment merge/An incomplete reindex swapped the alias to an empty index",
                    "Rebuilt the index from the catalogue and switched the alias back/Pointed the alias at the last good index and reran the reindex",
                    "Die Produktsuche liefert keine Ergebnisse/Die Suche zeigt bei jeder Anfrage leere Seiten",
                    "Der Suchindex wurde beschädigt, nachdem einem Knoten beim Segment-Merge der Speicher ausging/Ein unvollständiger Reindex schaltete den Alias auf einen leeren Index um",
                    "Index aus dem Katalog neu aufgebaut und den Alias zurückgeschaltet/Alias auf den letzten guten Index gesetzt und den Reindex wiederholt"},
            {"3", "0", "Users are logged out and cannot sign in again/Login fails with invalid token signature",
                    "The token signing key was rotated on one node only, so tokens from the others were rejected/Key rotation published the new JWKS before the old key stopped signing",
                    "Rolled the signing key back on all nodes and repeated the rotation in order/Published both keys in the JWKS and restarted the auth nodes",
                    "Nutzer werden abgemeldet und können sich nicht wieder anmelden/Anmeldung scheitert mit ungültiger Token-Signatur",
                    "Der Signaturschlüssel für Tokens wurde nur auf einem Knoten rotiert, Tokens der anderen wurden abgelehnt/Die Schlüsselrotation veröffentlichte das neue JWKS, bevor der alte Schlüssel aufhörte zu signieren",
                    "Signaturschlüssel auf allen Knoten zurückgesetzt und die Rotation in richtiger Reihenfolge wiederholt/Beide Schlüssel im JWKS veröffentlicht und die Auth-Knoten neu gestartet"},
            {"4", "8", "Customer e-mails are not delivered/Outgoing mail rejected by recipients, our relay is on a blocklist",
                    "Our SMTP relay IP was listed on a spam blocklist after a compromised account sent bulk mail/A misconfigured newsletter job sent thousands of messages and got the relay blocklisted",
                    "Disabled the compromised account and requested delisting/Stopped the job, moved sending to a clean IP and asked for removal from the blocklist",
                    "Kunden-E-Mails werden nicht zugestellt/Ausgehende Mails werden abgewiesen, unser Relay steht auf einer Blockliste",
                    "Die IP unseres SMTP-Relays landete auf einer Spam-Blockliste, nachdem ein kompromittiertes Konto Massenmails verschickte/Ein falsch konfigurierter Newsletter-Job verschickte tausende Nachrichten und brachte das Relay auf die Blockliste",
                    "Das kompromittierte Konto gesperrt und die Entfernung von der Liste beantragt/Job gestoppt, Versand auf eine saubere IP verlegt und die Streichung von der Blockliste beantragt"},
            {"5", "1", "Website extremely slow, origin servers overloaded/Pages load for a minute, CDN misses hit the origin",
                    "A full cache purge on the CDN sent all traffic to the origin at once/The cache key started including a tracking parameter so nothing was served from cache",
                    "Rate limited the origin and warmed the cache gradually/Removed the parameter from the cache key and restored the hit ratio",
                    "Website extrem langsam, die Origin-Server sind überlastet/Seiten laden eine Minute, CDN-Misses landen am Origin",
                    "Ein vollständiger Cache-Purge am CDN schickte den gesamten Verkehr auf einmal an den Origin/Der Cache-Schlüssel enthielt plötzlich einen Tracking-Parameter, sodass nichts mehr aus dem Cache kam",
                    "Den Origin gedrosselt und den Cache schrittweise aufgewärmt/Parameter aus dem Cache-Schlüssel entfernt und die Trefferquote wiederhergestellt"},
            {"6", "3", "Customers see outdated account balances/Read replicas serve stale data, replication lag of minutes",
                    "A long-running analytics query on the replica blocked replay of the replication stream/Replication lag grew because the replica's disk could not keep up with the write volume",
                    "Cancelled the analytics query and moved it to a separate replica/Moved the replica to faster disks and routed reads to the primary meanwhile",
                    "Kunden sehen veraltete Kontostände/Lesereplikate liefern veraltete Daten, Replikationsverzögerung von Minuten",
                    "Eine lang laufende Analyseabfrage auf dem Replikat blockierte das Einspielen des Replikationsstroms/Die Replikationsverzögerung wuchs, weil die Platte des Replikats das Schreibvolumen nicht schaffte",
                    "Die Analyseabfrage abgebrochen und auf ein eigenes Replikat verlegt/Replikat auf schnellere Platten umgezogen und Lesezugriffe solange auf den Primary gelenkt"},
            {"8", "6", "Mobile app users get too many requests errors/API gateway answers 429 to most app traffic",
                    "A rate limit rule meant for one abusive client was applied to all clients/The limiter counted per shared NAT address, so whole mobile carriers were throttled",
                    "Scoped the rate limit rule to the abusive client again/Changed the limiter to count per API token instead of per address",
                    "Nutzer der Mobile-App bekommen Fehler wegen zu vieler Anfragen/Das API-Gateway antwortet dem meisten App-Verkehr mit 429",
                    "Eine Rate-Limit-Regel für einen missbräuchlichen Client galt versehentlich für alle Clients/Der Limiter zählte pro gemeinsamer NAT-Adresse, ganze Mobilfunkanbieter wurden gedrosselt",
                    "Die Rate-Limit-Regel wieder auf den einen Client beschränkt/Den Limiter auf Zählung pro API-Token statt pro Adresse umgestellt"},
            {"8", "5", "Push notifications stopped arriving on iPhones/No push messages delivered to iOS devices",
                    "The APNs push certificate expired/Apple rejected our push requests because the signing certificate for APNs had run out",
                    "Created a new APNs certificate and uploaded it to the push service/Switched APNs to token-based authentication with a fresh key",
                    "Push-Benachrichtigungen kommen auf iPhones nicht mehr an/Keine Push-Nachrichten an iOS-Geräte zugestellt",
                    "Das APNs-Push-Zertifikat ist abgelaufen/Apple wies unsere Push-Anfragen ab, weil das Signaturzertifikat für APNs abgelaufen war",
                    "Neues APNs-Zertifikat erstellt und im Push-Dienst hinterlegt/APNs auf tokenbasierte Authentifizierung mit frischem Schlüssel umgestellt"},
            {"9", "5", "The nightly revenue report did not arrive/Daily reports missing, batch job timed out",
                    "The nightly report job exceeded its timeout after the data volume doubled/The report query lost its index hint after an upgrade and ran for hours",
                    "Raised the job timeout and reran the report by hand/Restored the query plan and reran the nightly batch",
                    "Der nächtliche Umsatzbericht ist nicht angekommen/Tägliche Berichte fehlen, der Batch-Job lief ins Timeout",
                    "Der nächtliche Berichtsjob überschritt sein Timeout, nachdem sich das Datenvolumen verdoppelt hatte/Die Berichtsabfrage verlor nach einem Upgrade ihren Index-Hinweis und lief stundenlang",
                    "Job-Timeout erhöht und den Bericht von Hand neu erzeugt/Den Abfrageplan wiederhergestellt und den nächtlichen Batch wiederholt"},
            {"11", "7", "Uploaded images return access denied/Files in the storage bucket cannot be read, 403 errors",
                    "A policy change made the bucket private and removed the read grant for the image service/An infrastructure-as-code run replaced the bucket policy with a default that denies reads",
                    "Restored the bucket policy with the read grant/Reapplied the correct policy and added a test for it to the pipeline",
                    "Hochgeladene Bilder liefern Zugriff verweigert/Dateien im Storage-Bucket sind nicht lesbar, 403-Fehler",
                    "Eine Richtlinienänderung machte den Bucket privat und entfernte die Leseberechtigung des Bilddienstes/Ein Infrastructure-as-Code-Lauf ersetzte die Bucket-Policy durch eine Vorgabe, die Lesen verbietet",
                    "Bucket-Policy mit Leseberechtigung wiederhergestellt/Die richtige Policy erneut angewandt und einen Test dafür in die Pipeline aufgenommen"},
            {"2", "7", "New search pods stay pending, capacity short at peak/Search latency high because the cluster cannot schedule more pods",
                    "The cluster autoscaler could not add nodes because the instance quota in the region was reached/The node pool's autoscaling was disabled by a Terraform change",
                    "Requested a higher instance quota and added nodes by hand/Re-enabled autoscaling on the node pool",
                    "Neue Such-Pods bleiben pending, zur Spitzenzeit fehlt Kapazität/Hohe Suchlatenz, weil der Cluster keine weiteren Pods einplanen kann",
                    "Der Cluster-Autoscaler konnte keine Knoten hinzufügen, weil das Instanzkontingent der Region erreicht war/Eine Terraform-Änderung schaltete das Autoscaling des Node-Pools ab",
                    "Höheres Instanzkontingent beantragt und Knoten von Hand hinzugefügt/Autoscaling am Node-Pool wieder eingeschaltet"},
            {"3", "6", "Intermittent login errors and timeouts/Sign-in requests drop randomly, packet loss at the load balancer",
                    "A faulty network card on one load balancer node dropped packets/A firmware bug on the load balancer caused packet loss under high connection counts",
                    "Took the faulty load balancer node out of rotation/Upgraded the load balancer firmware after failing over",
                    "Zeitweise Anmeldefehler und Timeouts/Anmeldeanfragen brechen zufällig ab, Paketverlust am Load Balancer",
                    "Eine defekte Netzwerkkarte an einem Load-Balancer-Knoten verwarf Pakete/Ein Firmware-Fehler im Load Balancer verursachte Paketverlust bei vielen Verbindungen",
                    "Den defekten Load-Balancer-Knoten aus der Rotation genommen/Nach dem Failover die Firmware des Load Balancers aktualisiert"},
            {"6", "2", "Account pages load slowly, database CPU at 100 percent/Queries take seconds, sequential scans on the orders table",
                    "A migration dropped an index on the orders table and every lookup became a full table scan/The new release queried by a column without an index",
                    "Recreated the missing index concurrently/Added the index for the new column and analysed the table",
                    "Kontoseiten laden langsam, Datenbank-CPU bei 100 Prozent/Abfragen dauern Sekunden, sequenzielle Scans auf der Bestelltabelle",
                    "Eine Migration löschte einen Index auf der Bestelltabelle, jede Suche wurde zum Full Table Scan/Das neue Release fragte über eine Spalte ohne Index ab",
                    "Den fehlenden Index nebenläufig neu angelegt/Index für die neue Spalte angelegt und die Tabelle analysiert"},
            {"3", "9", "Employees cannot log in with single sign-on/SSO login broken, identity provider unreachable",
                    "The external identity provider had an outage in its EU region/Our SAML metadata expired and the identity provider refused the assertion",
                    "Enabled the local break-glass login until the provider recovered/Refreshed the SAML metadata and re-established the trust",
                    "Mitarbeitende können sich nicht per Single Sign-On anmelden/SSO-Anmeldung kaputt, Identitätsanbieter nicht erreichbar",
                    "Der externe Identitätsanbieter hatte einen Ausfall in seiner EU-Region/Unsere SAML-Metadaten sind abgelaufen und der Identitätsanbieter lehnte die Assertion ab",
                    "Den lokalen Notfall-Login aktiviert, bis der Anbieter wieder lief/SAML-Metadaten erneuert und das Vertrauen neu eingerichtet"},
            {"7", "4", "Messages end up in the dead letter queue/Invoice events rejected by consumers, dead letter queue growing",
                    "A producer deployed a new message schema and the consumers could not deserialize it/A field was renamed in the event contract without versioning",
                    "Rolled the producer back and replayed the dead letter queue/Made the consumers accept both schema versions and replayed the messages",
                    "Nachrichten landen in der Dead-Letter-Queue/Rechnungsereignisse von den Consumern abgelehnt, die Dead-Letter-Queue wächst",
                    "Ein Producer brachte ein neues Nachrichtenschema aus, die Consumer konnten es nicht deserialisieren/Ein Feld wurde im Ereignisvertrag ohne Versionierung umbenannt",
                    "Producer zurückgerollt und die Dead-Letter-Queue erneut eingespielt/Die Consumer akzeptieren beide Schemaversionen, Nachrichten erneut eingespielt"},
            {"11", "5", "Backups failing, storage quota exceeded/Writes to object storage refused, account quota reached",
                    "Backup retention was never applied, so old snapshots filled the storage quota/A runaway log export wrote terabytes into the backup bucket",
                    "Deleted expired snapshots and enforced the retention policy/Stopped the export, removed its files and raised the quota",
                    "Backups schlagen fehl, das Speicherkontingent ist überschritten/Schreibzugriffe auf den Objektspeicher abgelehnt, Kontingent erreicht",
                    "Die Aufbewahrungsregel für Backups wurde nie angewandt, alte Snapshots füllten das Kontingent/Ein außer Kontrolle geratener Log-Export schrieb Terabytes in den Backup-Bucket",
                    "Abgelaufene Snapshots gelöscht und die Aufbewahrungsregel durchgesetzt/Export gestoppt, seine Dateien gelöscht und das Kontingent erhöht"},
            {"1", "5", "Customers were charged twice/Duplicate charges after the billing run",
                    "The billing cron job ran on two hosts at once after a failover/The job's lock expired while it was still running and a second run started",
                    "Refunded the duplicate charges and made the billing job take a database lock/Refunded customers and added an idempotency key to each charge",
                    "Kunden wurden doppelt belastet/Doppelte Abbuchungen nach dem Abrechnungslauf",
                    "Der Abrechnungs-Cronjob lief nach einem Failover auf zwei Hosts gleichzeitig/Die Sperre des Jobs lief ab, während er noch lief, und ein zweiter Lauf startete",
                    "Doppelte Abbuchungen erstattet und dem Abrechnungsjob eine Datenbanksperre gegeben/Kunden erstattet und jeder Abbuchung einen Idempotenzschlüssel gegeben"},
            {"2", "0", "Search API stops answering, threads blocked/Search requests hang until the pods are restarted",
                    "A deadlock between the cache refresher and request threads blocked the thread pool/All worker threads waited on a synchronized client that never returned",
                    "Took thread dumps and restarted the search pods, then removed the lock ordering problem/Restarted the pods and replaced the synchronized client with a pooled one",
                    "Die Such-API antwortet nicht mehr, Threads blockiert/Suchanfragen hängen, bis die Pods neu gestartet werden",
                    "Ein Deadlock zwischen Cache-Aktualisierung und Anfrage-Threads blockierte den Thread-Pool/Alle Worker-Threads warteten auf einen synchronisierten Client, der nie zurückkam",
                    "Thread-Dumps gezogen und die Such-Pods neu gestartet, dann die Sperrreihenfolge korrigiert/Pods neu gestartet und den synchronisierten Client durch einen gepoolten ersetzt"},
            {"4", "8", "Our e-mails land in spam or bounce/Recipients reject our mail because SPF and DKIM checks fail",
                    "A DNS change removed the SPF record for the mail domain/The DKIM key was rotated but the new public key was never published",
                    "Restored the SPF record and verified delivery/Published the DKIM public key and re-signed the queue",
                    "Unsere E-Mails landen im Spam oder kommen zurück/Empfänger weisen unsere Mails ab, weil SPF- und DKIM-Prüfungen scheitern",
                    "Eine DNS-Änderung entfernte den SPF-Eintrag der Mail-Domain/Der DKIM-Schlüssel wurde rotiert, der neue öffentliche Schlüssel aber nie veröffentlicht",
                    "SPF-Eintrag wiederhergestellt und die Zustellung geprüft/Öffentlichen DKIM-Schlüssel veröffentlicht und die Warteschlange neu signiert"},
            {"9", "1", "Dashboards show yesterday's numbers/Business dashboards stale, ETL pipeline failed",
                    "The ETL job failed because the source system changed a column type/The data warehouse load stopped after credentials for the source database expired",
                    "Adapted the ETL mapping and backfilled the missing day/Renewed the credentials and reran the warehouse load",
                    "Dashboards zeigen die Zahlen von gestern/Business-Dashboards veraltet, die ETL-Pipeline ist fehlgeschlagen",
                    "Der ETL-Job scheiterte, weil das Quellsystem einen Spaltentyp geändert hatte/Das Laden ins Data Warehouse stoppte, nachdem die Zugangsdaten der Quelldatenbank abgelaufen waren",
                    "ETL-Mapping angepasst und den fehlenden Tag nachgeladen/Zugangsdaten erneuert und das Warehouse-Laden wiederholt"},
            {"8", "2", "The mobile app crashes on start/App crashes for all users after the backend release",
                    "The backend removed a field from the API response that older app versions required/A breaking change in API version 2 was deployed without keeping version 1",
                    "Restored the field in the response and added a contract test/Brought back API version 1 for older apps",
                    "Die Mobile-App stürzt beim Start ab/App-Abstürze bei allen Nutzern nach dem Backend-Release",
                    "Das Backend entfernte ein Feld aus der API-Antwort, das ältere App-Versionen brauchten/Eine inkompatible Änderung in API-Version 2 wurde ausgerollt, ohne Version 1 zu behalten",
                    "Das Feld in der Antwort wiederhergestellt und einen Vertragstest ergänzt/API-Version 1 für ältere Apps zurückgebracht"},
            {"10", "9", "Our domain does not resolve at all/Website and API unreachable, domain registration expired",
                    "The domain registration lapsed because the registrar's renewal mail went to a former employee/Auto-renew failed at the registrar after the company credit card was replaced",
                    "Renewed the domain at the registrar and waited for the DNS to propagate/Paid the renewal, restored the nameservers and lowered the TTL",
                    "Unsere Domain wird überhaupt nicht mehr aufgelöst/Website und API nicht erreichbar, die Domainregistrierung ist abgelaufen",
                    "Die Domainregistrierung lief aus, weil die Erinnerung des Registrars an einen ehemaligen Mitarbeiter ging/Die automatische Verlängerung beim Registrar scheiterte nach dem Tausch der Firmenkreditkarte",
                    "Domain beim Registrar verlängert und auf die DNS-Verbreitung gewartet/Verlängerung bezahlt, Nameserver wiederhergestellt und die TTL gesenkt"},
            {"11", "3", "File uploads very slow, storage latency high/Disk IO latency spikes on the storage cluster",
                    "Volumes were throttled because they exceeded their provisioned IOPS/A noisy neighbour on the shared storage array saturated the disks",
                    "Moved the volumes to a higher IOPS tier/Migrated the workload to dedicated storage and set IO limits",
                    "Datei-Uploads sehr langsam, hohe Speicherlatenz/Spitzen der Disk-IO-Latenz im Storage-Cluster",
                    "Die Volumes wurden gedrosselt, weil sie ihre bereitgestellten IOPS überschritten/Ein lauter Nachbar auf dem gemeinsamen Speicher-Array lastete die Platten aus",
                    "Volumes in eine Stufe mit mehr IOPS verschoben/Die Last auf eigenen Speicher umgezogen und IO-Limits gesetzt"},
    };

    private static final String[] NOISE_EN = {"Customers reported errors through support.", "The on-call engineer was paged.",
            "Impact started during the evening peak.", "A status page update went out.", "Monitoring showed the error rate rising.",
            "The incident manager opened a chat room."};
    private static final String[] NOISE_DE = {"Kunden meldeten Fehler über den Support.", "Die Bereitschaft wurde alarmiert.",
            "Die Auswirkung begann zur abendlichen Spitzenzeit.", "Eine Meldung ging auf die Statusseite.",
            "Das Monitoring zeigte eine steigende Fehlerrate.", "Die Incident-Managerin eröffnete einen Chatraum."};

    /** One labelled incident. */
    public record Labelled(String id, int family, String language, String service, String source, String summary,
            String text) {
    }

    public static List<Labelled> generate() {
        var random = new Random(18_032_026L);
        var out = new ArrayList<Labelled>();
        for (int f = 0; f < FAMILIES.length; f++) {
            var fam = FAMILIES[f];
            for (int i = 0; i < 10; i++) {
                boolean german = i % 2 == 1;
                int base = german ? 5 : 2;
                var summary = pick(fam[base], random);
                var cause = pick(fam[base + 1], random);
                var fix = pick(fam[base + 2], random);
                var noise = german ? NOISE_DE : NOISE_EN;
                var text = cause + " " + noise[random.nextInt(noise.length)] + " " + fix + " "
                        + noise[random.nextInt(noise.length)];
                var service = random.nextDouble() < 0.8 ? SERVICES[Integer.parseInt(fam[0])]
                        : SERVICES[random.nextInt(SERVICES.length)];
                var source = random.nextDouble() < 0.7 ? SOURCES[Integer.parseInt(fam[1])]
                        : SOURCES[random.nextInt(SOURCES.length)];
                out.add(new Labelled("F%02d-%02d".formatted(f, i), f, german ? "de" : "en", service, source, summary, text));
            }
        }
        return out;
    }

    private static String pick(String variants, Random random) {
        var options = variants.split("/(?=[A-ZÄÖÜ])");
        return options[random.nextInt(options.length)];
    }

    public static void main(String[] args) throws IOException {
        var lines = new ArrayList<String>();
        lines.add("id\tfamily\tlanguage\tservice\tsource\tsummary\ttext");
        for (var l : generate()) {
            lines.add(String.join("\t", l.id(), Integer.toString(l.family()), l.language(), l.service(), l.source(),
                    l.summary(), l.text()));
        }
        var target = Path.of(args.length > 0 ? args[0] : "src/test/resources/search/similarity-set.tsv");
        Files.createDirectories(target.getParent());
        Files.write(target, lines);
        System.out.println("wrote " + (lines.size() - 1) + " incidents to " + target);
    }
}
