#include "scenario.h"

std::optional<Scenario> Scenario::fromName(const QString &name)
{
    if (name == u"steady")
        return Scenario(Kind::Steady);
    if (name == u"incident")
        return Scenario(Kind::Incident);
    if (name == u"flash-crowd")
        return Scenario(Kind::FlashCrowd);
    return std::nullopt;
}

QString Scenario::names()
{
    return QStringLiteral("steady|incident|flash-crowd");
}

QString Scenario::nameOf(Kind kind)
{
    switch (kind) {
    case Kind::Steady:
        return QStringLiteral("steady");
    case Kind::Incident:
        return QStringLiteral("incident");
    case Kind::FlashCrowd:
        return QStringLiteral("flash-crowd");
    }
    Q_UNREACHABLE();
}

bool Scenario::isDegrading(int peerIndex, int peerCount, double progress) const
{
    return m_kind == Kind::Incident && progress >= IncidentStart && progress < IncidentEnd
        && peerIndex < int(IncidentShare * peerCount);
}

NetworkConditions Scenario::conditionsFor(int peerIndex, int peerCount, double progress) const
{
    if (!isDegrading(peerIndex, peerCount, progress))
        return {};
    // A congested relay region: every figure the default rules watch goes well past its threshold.
    return { 650, 14, 0.15, 0.2 };
}

bool Scenario::isOnline(int peerIndex, int peerCount, double progress) const
{
    if (m_kind != Kind::FlashCrowd)
        return true;
    // A fifth from the start; the others join evenly over the first half of the run.
    const int early = std::max(1, peerCount / 5);
    if (peerIndex < early)
        return true;
    const double joinsAt = 0.5 * double(peerIndex - early + 1) / double(std::max(1, peerCount - early));
    return progress >= joinsAt;
}
